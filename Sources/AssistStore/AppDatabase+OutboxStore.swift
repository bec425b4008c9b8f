import AssistCore
import Foundation
import GRDB

extension AppDatabase: OutboxStore {
    public func claimDueNotifications(
        limit: Int, messageIdDomain: String, staleAfter: TimeInterval, at instant: Date
    ) async throws -> [OutboxNotification] {
        try await write { db in
            // Each state's first letters by id from the index, then the first of those: one query
            // over the three states would sort every queued letter to take a few.
            let due = try NotificationRecord.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM notification WHERE id IN (
                    SELECT id FROM (SELECT id FROM notification WHERE state = 'queued' ORDER BY id LIMIT ?1)
                    UNION ALL SELECT id FROM (
                        SELECT id FROM notification WHERE state = 'deferred' AND nextAttemptAt <= ?2 ORDER BY id LIMIT ?1)
                    UNION ALL SELECT id FROM (
                        SELECT id FROM notification WHERE state = 'sending' AND claimedAt <= ?3 ORDER BY id LIMIT ?1))
                ORDER BY id LIMIT ?1
                """), arguments: [limit, StoredTime.text(instant), StoredTime.text(instant.addingTimeInterval(-staleAfter))])
            return try due.map { record in
                var record = record
                record.state = DeliveryState.sending.rawValue
                record.claimedAt = instant
                record.attempts += 1
                if record.messageId == nil, let id = record.id {
                    // Stable across retries and restarts; random so a rebuilt database never repeats one.
                    record.messageId = "<n\(id).\(UUID().uuidString.lowercased().prefix(13))@\(messageIdDomain)>"
                }
                // Only what a claim changes.
                try db.cachedStatement(sql: "UPDATE notification SET state = ?, claimedAt = ?, attempts = ?, messageId = ? WHERE id = ?")
                    .execute(arguments: [record.state, StoredTime.text(instant), record.attempts, record.messageId, record.id])
                var notification = record.notification
                notification.sealedSecret = try Data.fetchOne(
                    db.cachedStatement(sql: "SELECT sealed FROM letterSecret WHERE notificationId = ?"), arguments: [record.id]).map(Array.init)
                if let ticketId = record.ticketId {
                    notification.threadMessageId = try String.fetchOne(db.cachedStatement(sql: """
                        SELECT messageId FROM notification WHERE ticketId = ? AND messageId IS NOT NULL AND id < ? ORDER BY id LIMIT 1
                        """), arguments: [ticketId, record.id])
                }
                return notification
            }
        }
    }

    public func markSent(notificationId: Int64, reply: String, at instant: Date) async throws {
        try await write { db in
            try db.cachedStatement(sql: "UPDATE notification SET state = 'sent', sentAt = ?, lastReply = ?, nextAttemptAt = NULL WHERE id = ?")
                .execute(arguments: [StoredTime.text(instant), reply, notificationId])
            try Self.wipeLetterSecret(notificationId, db)
        }
        await forgetWipedSecrets()
    }

    public func markDeferred(notificationId: Int64, reply: String, nextAttempt: Date, at instant: Date) async throws {
        try await write { db in
            try db.cachedStatement(sql: "UPDATE notification SET state = 'deferred', lastReply = ?, nextAttemptAt = ? WHERE id = ?")
                .execute(arguments: [reply, StoredTime.text(nextAttempt), notificationId])
        }
    }

    public func markFailed(notificationId: Int64, reply: String, at instant: Date) async throws {
        try await write { db in
            guard let record = try NotificationRecord.fetchOne(db, key: notificationId) else { return }
            try db.execute(
                sql: "UPDATE notification SET state = 'failed', lastReply = ?, nextAttemptAt = NULL WHERE id = ?",
                arguments: [reply, notificationId])
            // Sent again later (an admin's retry), it says the link is gone instead of carrying it.
            try Self.wipeLetterSecret(notificationId, db)
            try db.execute(
                sql: """
                    INSERT INTO flaggedAddress (address, reason, flaggedAt) VALUES (?, ?, ?)
                    ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, flaggedAt = excluded.flaggedAt
                    """,
                arguments: [record.recipient, reply, instant])
            // What staff are told and what the log keeps: `MailFailureNotice`, in this transaction.
            let failure = MailFailureNotice.record(
                notificationId: notificationId, recipient: record.recipient, kind: record.kind, reply: reply, admins: try Self.adminAddresses(db))
            for letter in failure.letters { try Self.queue(letter, ticketId: record.ticketId, at: instant, db) }
            try AuditRecorder.append(db, failure.audit, at: instant)
        }
        await forgetWipedSecrets()
    }

    public func retryNotification(id: Int64, by userId: Int64, at instant: Date) async throws -> OutboxNotification? {
        try await write { db in
            guard var record = try NotificationRecord.fetchOne(db, key: id) else { return nil }
            guard record.state == DeliveryState.failed.rawValue else { return record.notification }
            record.state = DeliveryState.queued.rawValue
            record.nextAttemptAt = nil
            record.attempts = 0
            try record.update(db)
            try AuditRecorder.append(db, MailFailureNotice.retried(notificationId: id, recipient: record.recipient, by: userId), at: instant)
            return record.notification
        }
    }

    public func markBounced(messageId: String, recipients: [String], reason: String, at instant: Date) async throws -> Bool {
        guard let letter = try await writer.read({ db in
            try Row.fetchOne(db, sql: "SELECT id, recipient FROM notification WHERE messageId = ?", arguments: [messageId])
        }), let id = letter["id"] as Int64?, recipients.contains((letter["recipient"] as String? ?? "").lowercased()) else { return false }
        try await markFailed(notificationId: id, reply: "bounced: \(reason)", at: instant)
        return true
    }

    public func queue(_ letter: OutgoingLetter, unlessQueuedSince since: Date, at instant: Date) async throws -> Bool {
        try await write { db in
            let already = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM notification WHERE kind = ? AND recipient = ? AND createdAt >= ?)
                """, arguments: [letter.kind, letter.recipient, since]) ?? false
            guard !already else { return false }
            try Self.queue(letter, ticketId: nil, at: instant, db)
            return true
        }
    }

    public func flaggedAddresses() async throws -> [FlaggedAddress] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM flaggedAddress ORDER BY flaggedAt DESC").map {
                FlaggedAddress(address: $0["address"], reason: $0["reason"], flaggedAt: $0["flaggedAt"])
            }
        }
    }

    /// The relay answered for good: the sealed secret the letter carried is no longer needed.
    /// Only letters that had one pay for more than an index lookup.
    static func wipeLetterSecret(_ notificationId: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM letterSecret WHERE notificationId = ?").execute(arguments: [notificationId])
    }

    /// Where staff letters go: every enabled admin with an address.
    static func adminAddresses(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT email FROM userAccount WHERE role = 'admin' AND disabled = 0 AND email IS NOT NULL")
    }
}
