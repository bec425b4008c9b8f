import AssistCore
import Foundation
import GRDB

extension AppDatabase: VIPContactStore {

    public func assignPendingVIPTickets(
        at instant: Date, decide: @escaping @Sendable (VIPWaiting) -> VIPAssignment.Outcome
    ) async throws -> [VIPContact] {
        try await write { db in
            let pending = try Int64.fetchAll(db, sql: """
                SELECT id FROM ticket
                WHERE slaLevel = 'vip' AND responsibleAgentId IS NULL AND state IN \(SQLRules.openStates)
                ORDER BY receivedAt, id
                """)
            var contacts: [VIPContact] = []
            for id in pending {
                switch decide(try Self.vipWaiting(ticketId: id, db)) {
                case .disclose(let disclosure): contacts.append(try Self.write(disclosure, ticketId: id, at: instant, db))
                case .wait(let letters): for letter in letters { try Self.queue(letter, ticketId: id, at: instant, db) }
                }
            }
            return contacts
        }
    }

    public func reassignVIPTicket(
        ticketId: Int64, at instant: Date, decide: @escaping @Sendable (VIPWaiting) throws -> VIPAssignment.Disclosure?
    ) async throws -> VIPContact? {
        try await write { db in
            guard let disclosure = try decide(try Self.vipWaiting(ticketId: ticketId, db)) else { return nil }
            return try Self.write(disclosure, ticketId: ticketId, at: instant, db)
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

    /// The ticket, the agents who could take it (enabled agents on duty with a phone), the admins
    /// and whether they were told it waits, read in the caller's transaction.
    static func vipWaiting(ticketId: Int64, _ db: Database) throws -> VIPWaiting {
        let ticket = try Self.ticketRecord(ticketId, db)
        let responsible = try Int64.fetchOne(db, sql: "SELECT responsibleAgentId FROM ticket WHERE id = ?", arguments: [ticketId])
        let candidates = try Row.fetchAll(db, sql: """
            SELECT u.id, u.displayName, u.phone,
                   (SELECT COUNT(*) FROM ticket t WHERE t.responsibleAgentId = u.id AND t.slaLevel = 'vip' AND t.state IN \(SQLRules.openStates)) AS open,
                   (SELECT MAX(d.disclosedAt) FROM vipDisclosure d WHERE d.agentUserId = u.id) AS lastAssignedAt
            FROM userAccount u
            WHERE u.role = 'agent' AND u.onDuty = 1 AND u.disabled = 0 AND u.phone IS NOT NULL
            """).map {
            VIPAssignment.Candidate(
                userId: $0["id"], name: $0["displayName"], phone: $0["phone"], openVIPTickets: $0["open"], lastAssignedAt: $0["lastAssignedAt"])
        }
        let told = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notification WHERE kind = 'vip-pending' AND ticketId = ?", arguments: [ticketId]) ?? 0
        return VIPWaiting(
            ticketId: ticketId, tid: ticket.tid, sender: ticket.senderEmail, responsibleAgentId: responsible,
            candidates: candidates, admins: try Self.adminAddresses(db), adminsTold: told > 0)
    }

    /// Makes the agent responsible and gives the customer their phone: in the ticket, in the
    /// outbox, in the audit log (every disclosure is recorded) and in the ticket's record.
    static func write(_ disclosure: VIPAssignment.Disclosure, ticketId: Int64, at instant: Date, _ db: Database) throws -> VIPContact {
        let agent = disclosure.agent
        try db.execute(sql: "UPDATE ticket SET responsibleAgentId = ? WHERE id = ?", arguments: [agent.userId, ticketId])
        try db.execute(
            sql: "INSERT INTO vipDisclosure (ticketId, agentUserId, phone, disclosedAt, byUserId) VALUES (?, ?, ?, ?, ?)",
            arguments: [ticketId, agent.userId, agent.phone, instant, disclosure.audit.actor])
        try Self.queue(disclosure.letter, ticketId: ticketId, at: instant, db)
        try AuditRecorder.append(db, disclosure.audit, at: instant)
        try TicketEventRecord.record(
            disclosure.note.kind, disclosure.note.detail, ticketId: ticketId, actor: disclosure.audit.actor, at: instant, db)
        return VIPContact(ticketId: ticketId, agentUserId: agent.userId, agentName: agent.name, phone: agent.phone, disclosedAt: instant)
    }
}
