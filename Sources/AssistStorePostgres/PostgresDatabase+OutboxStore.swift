import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: OutboxStore {
    public func claimDueNotifications(
        limit: Int, messageIdDomain: String, staleAfter: TimeInterval, at instant: Date
    ) async throws -> [OutboxNotification] {
        try await pool.transaction(.readCommitted) { connection in
            // Each node's delivery service takes letters no other node holds (SKIP LOCKED): a
            // letter is claimed by one node, and a claim older than `staleAfter` (a node that died
            // mid-send) is taken over. The Message-ID is made on the first claim and kept.
            let claimed = try connection.query(
                """
                WITH due AS (
                    SELECT id FROM notification
                    WHERE state = 'queued' OR (state = 'deferred' AND nextAttemptAt <= $2::timestamptz)
                       OR (state = 'sending' AND claimedAt <= $3::timestamptz)
                    ORDER BY id LIMIT $1::integer FOR UPDATE SKIP LOCKED)
                UPDATE notification n SET state = 'sending', claimedAt = $2::timestamptz, attempts = n.attempts + 1,
                    messageId = coalesce(n.messageId, '<n' || n.id || '.' || substr(gen_random_uuid()::text, 1, 13) || '@' || $4 || '>')
                FROM due WHERE n.id = due.id
                RETURNING n.*
                """,
                [PostgresParameter(limit), PostgresParameter(instant), PostgresParameter(instant.addingTimeInterval(-staleAfter)), .text(messageIdDomain)])
            var letters = try claimed.rows.indices.map { try Self.notification(claimed, $0) }.sorted { $0.id < $1.id }
            for index in letters.indices {
                let id = PostgresParameter(letters[index].id)
                letters[index].sealedSecret = try connection.query("SELECT sealed FROM letterSecret WHERE notificationId = $1::bigint", [id]).bytes(0, "sealed")
                if let ticketId = letters[index].ticketId {
                    letters[index].threadMessageId = try connection.query(
                        "SELECT messageId FROM notification WHERE ticketId = $1::bigint AND messageId IS NOT NULL AND id < $2::bigint ORDER BY id LIMIT 1",
                        [PostgresParameter(ticketId), id]
                    ).text(0, "messageId")
                }
            }
            return letters
        }
    }

    public func markSent(notificationId: Int64, reply: String, at instant: Date) async throws {
        try await pool.transaction(.readCommitted) { connection in
            try connection.query(
                "UPDATE notification SET state = 'sent', sentAt = $2::timestamptz, lastReply = $3, nextAttemptAt = NULL WHERE id = $1::bigint",
                [PostgresParameter(notificationId), PostgresParameter(instant), .text(reply)])
            try Self.wipeLetterSecret(notificationId, connection)
        }
    }

    public func markDeferred(notificationId: Int64, reply: String, nextAttempt: Date, at instant: Date) async throws {
        try await pool.withConnection { connection in
            try connection.query(
                "UPDATE notification SET state = 'deferred', lastReply = $2, nextAttemptAt = $3::timestamptz WHERE id = $1::bigint",
                [PostgresParameter(notificationId), .text(reply), PostgresParameter(nextAttempt)])
        }
    }

    public func markFailed(notificationId: Int64, reply: String, at instant: Date) async throws {
        try await pool.transaction(.readCommitted) { connection in
            let failed = try connection.query(
                "UPDATE notification SET state = 'failed', lastReply = $2, nextAttemptAt = NULL WHERE id = $1::bigint RETURNING recipient, kind, ticketId",
                [PostgresParameter(notificationId), .text(reply)])
            guard let recipient = failed.text(0, "recipient"), let kind = failed.text(0, "kind") else { return }
            // Sent again later (an admin's retry), it says the link is gone instead of carrying it.
            try Self.wipeLetterSecret(notificationId, connection)
            try connection.query(
                """
                INSERT INTO flaggedAddress (address, reason, flaggedAt) VALUES ($1, $2, $3::timestamptz)
                ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, flaggedAt = excluded.flaggedAt
                """, [.text(recipient), .text(reply), PostgresParameter(instant)])
            let failure = MailFailureNotice.record(
                notificationId: notificationId, recipient: recipient, kind: kind, reply: reply, admins: try Self.adminAddresses(connection))
            for letter in failure.letters { try Self.queue(letter, ticketId: failed.int(0, "ticketId"), at: instant, connection) }
            try Self.append(connection, failure.audit, at: instant)
        }
    }

    public func retryNotification(id: Int64, by userId: Int64, at instant: Date) async throws -> OutboxNotification? {
        try await pool.transaction(.readCommitted) { connection in
            let retried = try connection.query(
                "UPDATE notification SET state = 'queued', nextAttemptAt = NULL, attempts = 0 WHERE id = $1::bigint AND state = 'failed' RETURNING *",
                [PostgresParameter(id)])
            if !retried.rows.isEmpty {
                let letter = try Self.notification(retried, 0)
                try Self.append(connection, MailFailureNotice.retried(notificationId: id, recipient: letter.recipient, by: userId), at: instant)
                return letter
            }
            let current = try connection.query("SELECT * FROM notification WHERE id = $1::bigint", [PostgresParameter(id)])
            return current.rows.isEmpty ? nil : try Self.notification(current, 0)
        }
    }

    public func flaggedAddresses() async throws -> [FlaggedAddress] {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM flaggedAddress ORDER BY flaggedAt DESC")
            return try rows.rows.indices.map {
                FlaggedAddress(
                    address: try rows.required($0, "address", table: "flaggedAddress"), reason: try rows.required($0, "reason", table: "flaggedAddress"),
                    flaggedAt: try rows.requiredInstant($0, "flaggedAt", table: "flaggedAddress"))
            }
        }
    }

    public func markBounced(messageId: String, recipients: [String], reason: String, at instant: Date) async throws -> Bool {
        let letter = try await pool.withConnection { connection in
            try connection.query("SELECT id, recipient FROM notification WHERE messageId = $1", [.text(messageId)])
        }
        guard let id = letter.int(0, "id"), recipients.contains((letter.text(0, "recipient") ?? "").lowercased()) else { return false }
        try await markFailed(notificationId: id, reply: "bounced: \(reason)", at: instant)
        return true
    }

    public func queue(_ letter: OutgoingLetter, unlessQueuedSince since: Date, at instant: Date) async throws -> Bool {
        try await pool.transaction(.readCommitted) { connection in
            // One answer of a kind to one address, whichever node takes the letters: both wait
            // for this lock, and the second sees the first's answer.
            try connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("answer|\(letter.kind)|\(letter.recipient)")])
            let already = try connection.query(
                "SELECT EXISTS (SELECT 1 FROM notification WHERE kind = $1 AND recipient = $2 AND createdAt >= $3::timestamptz) AS sent",
                [.text(letter.kind), .text(letter.recipient), PostgresParameter(since)]
            ).bool(0, "sent") ?? false
            guard !already else { return false }
            try Self.queue(letter, ticketId: nil, at: instant, connection)
            return true
        }
    }

    /// Queues a letter a rule decided, in the caller's transaction; returns its id.
    @discardableResult
    static func queue(_ letter: OutgoingLetter, ticketId: Int64?, at instant: Date, _ connection: PostgresConnection) throws -> Int64 {
        try connection.query(
            "INSERT INTO notification (kind, ticketId, recipient, subject, body, createdAt) VALUES ($1, $2::bigint, $3, $4, $5, $6::timestamptz) RETURNING id",
            [.text(letter.kind), PostgresParameter(ticketId), .text(letter.recipient), .text(letter.subject), .text(letter.body), PostgresParameter(instant)]
        ).int(0, "id") ?? 0
    }

    static func wipeLetterSecret(_ notificationId: Int64, _ connection: PostgresConnection) throws {
        try connection.query("DELETE FROM letterSecret WHERE notificationId = $1::bigint", [PostgresParameter(notificationId)])
    }

    /// Where staff letters go: every enabled admin with an address.
    static func adminAddresses(_ connection: PostgresConnection) throws -> [String] {
        try connection.query("SELECT email FROM userAccount WHERE role = 'admin' AND NOT disabled AND email IS NOT NULL ORDER BY id")
            .rows.compactMap { $0.first ?? nil }
    }

    static func notification(_ rows: PostgresRows, _ index: Int) throws -> OutboxNotification {
        let table = "notification"
        return OutboxNotification(
            id: try rows.requiredInt(index, "id", table: table), kind: try rows.required(index, "kind", table: table), ticketId: rows.int(index, "ticketId"),
            recipient: try rows.required(index, "recipient", table: table), subject: try rows.required(index, "subject", table: table),
            body: try rows.required(index, "body", table: table), createdAt: try rows.requiredInstant(index, "createdAt", table: table),
            state: try rows.value(DeliveryState.self, index, "state", table: table), attempts: Int(try rows.requiredInt(index, "attempts", table: table)),
            nextAttemptAt: rows.instant(index, "nextAttemptAt"), lastReply: rows.text(index, "lastReply"), messageId: rows.text(index, "messageId"),
            sentAt: rows.instant(index, "sentAt"))
    }
}
