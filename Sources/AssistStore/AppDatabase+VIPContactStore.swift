import AssistCore
import Foundation
import GRDB

extension AppDatabase: VIPContactStore {

    public func assignPendingVIPTickets(at instant: Date) async throws -> [VIPContact] {
        try await write { db in
            let pending = try Row.fetchAll(db, sql: """
                SELECT id, tid, senderEmail FROM ticket
                WHERE slaLevel = 'vip' AND responsibleAgentId IS NULL AND state IN \(SQLRules.openStates)
                ORDER BY receivedAt, id
                """)
            var contacts: [VIPContact] = []
            for ticket in pending {
                let id: Int64 = ticket["id"], tid: String = ticket["tid"]
                if let agent = VIPAssignment.choose(from: try Self.vipCandidates(excluding: nil, db)) {
                    contacts.append(try Self.disclose(ticketId: id, tid: tid, sender: ticket["senderEmail"], agentId: agent.userId, by: nil, at: instant, db))
                } else {
                    try Self.notifyAdminsOnce(ticketId: id, tid: tid, at: instant, db)
                }
            }
            return contacts
        }
    }

    public func reassignVIPTicket(ticketId: Int64, to agentUserId: Int64?, by userId: Int64, at instant: Date) async throws -> VIPContact? {
        try await write { db in
            let ticket = try Self.ticketRecord(ticketId, db)
            let current = try Int64.fetchOne(db, sql: "SELECT responsibleAgentId FROM ticket WHERE id = ?", arguments: [ticketId])
            let candidates = try Self.vipCandidates(excluding: nil, db)
            let chosen: Int64?
            if let agentUserId {
                guard candidates.contains(where: { $0.userId == agentUserId }) else { throw VIPContactError.agentNotAvailable }
                chosen = agentUserId
            } else {
                chosen = VIPAssignment.choose(from: candidates.filter { $0.userId != current })?.userId
            }
            guard let chosen else { return nil }
            return try Self.disclose(ticketId: ticketId, tid: ticket.tid, sender: ticket.senderEmail, agentId: chosen, by: userId, at: instant, db)
        }
    }

    public func vipContact(ticketId: Int64) async throws -> VIPContact? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT d.ticketId, d.agentUserId, u.displayName, d.phone, d.disclosedAt
                FROM vipDisclosure d JOIN userAccount u ON u.id = d.agentUserId
                WHERE d.ticketId = ? ORDER BY d.id DESC LIMIT 1
                """, arguments: [ticketId]).map { row in
                VIPContact(ticketId: row["ticketId"], agentUserId: row["agentUserId"], agentName: row["displayName"], phone: row["phone"], disclosedAt: row["disclosedAt"])
            }
        }
    }

    /// Agents who can take a VIP ticket now: on duty, enabled, with a phone to give.
    static func vipCandidates(excluding: Int64?, _ db: Database) throws -> [VIPAssignment.Candidate] {
        try Row.fetchAll(db, sql: """
            SELECT u.id,
                   (SELECT COUNT(*) FROM ticket t WHERE t.responsibleAgentId = u.id AND t.slaLevel = 'vip' AND t.state IN \(SQLRules.openStates)) AS open,
                   (SELECT MAX(d.disclosedAt) FROM vipDisclosure d WHERE d.agentUserId = u.id) AS lastAssignedAt
            FROM userAccount u
            WHERE u.role = 'agent' AND u.onDuty = 1 AND u.disabled = 0 AND u.phone IS NOT NULL
            """).map { VIPAssignment.Candidate(userId: $0["id"], openVIPTickets: $0["open"], lastAssignedAt: $0["lastAssignedAt"]) }
    }

    /// Makes the agent responsible and gives the customer their phone: in the ticket, in the
    /// outbox, in the audit log (every disclosure is recorded).
    static func disclose(ticketId: Int64, tid: String, sender: String, agentId: Int64, by userId: Int64?, at instant: Date, _ db: Database) throws -> VIPContact {
        guard let agent = try UserRecord.fetchOne(db, key: agentId), let phone = agent.phone else { throw VIPContactError.agentNotAvailable }
        try db.execute(sql: "UPDATE ticket SET responsibleAgentId = ? WHERE id = ?", arguments: [agentId, ticketId])
        try db.execute(
            sql: "INSERT INTO vipDisclosure (ticketId, agentUserId, phone, disclosedAt, byUserId) VALUES (?, ?, ?, ?, ?)",
            arguments: [ticketId, agentId, phone, instant, userId])
        var notice = NotificationRecord(
            id: nil, kind: "vip-contact", ticketId: ticketId, recipient: sender, subject: VIPContactNotice.subject(tid: tid),
            body: VIPContactNotice.body(tid: tid, agentName: agent.displayName, phone: phone), createdAt: instant, sentAt: nil)
        try notice.insertPrepared(db)
        try AuditRecorder.append(
            db, action: "vip.phone-disclosed", subject: "ticket:\(tid)",
            detail: "Phone of agent \(agentId) (\(agent.displayName)) disclosed to \(sender) as the responsible employee", actor: userId, at: instant)
        try TicketEventRecord.record(
            .stateChanged, "Responsible agent: \(agent.displayName); phone given to the customer (R-2.5.3).", ticketId: ticketId, actor: userId,
            at: instant, db)
        return VIPContact(ticketId: ticketId, agentUserId: agentId, agentName: agent.displayName, phone: phone, disclosedAt: instant)
    }

    /// Nobody can take the ticket: tell the admins, once per ticket.
    static func notifyAdminsOnce(ticketId: Int64, tid: String, at instant: Date, _ db: Database) throws {
        let told = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notification WHERE kind = 'vip-pending' AND ticketId = ?", arguments: [ticketId]) ?? 0
        guard told == 0 else { return }
        let admins = try Self.adminAddresses(db)
        for recipient in admins.isEmpty ? ["admins"] : admins {
            var notice = NotificationRecord(
                id: nil, kind: "vip-pending", ticketId: ticketId, recipient: recipient, subject: VIPContactNotice.pendingSubject(tid: tid),
                body: VIPContactNotice.pendingBody(tid: tid), createdAt: instant, sentAt: nil)
            try notice.insertPrepared(db)
        }
    }
}
