import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: VIPContactStore {
    public func assignPendingVIPTickets(
        at instant: Date, decide: @escaping @Sendable (VIPWaiting) -> VIPAssignment.Outcome
    ) async throws -> [VIPContact] {
        try await pool.transaction(.readCommitted) { connection in
            // One assignment round at a time across nodes: each round sees the last one's
            // disclosures, so agents' loads and "admins told" are counted once.
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('vip-assignment'))")
            let pending = try connection.query(
                """
                SELECT id FROM ticket WHERE slaLevel = 'vip' AND responsibleAgentId IS NULL AND state IN \(PostgresRules.openStates)
                ORDER BY receivedAt, id
                """)
            var contacts: [VIPContact] = []
            for index in pending.rows.indices {
                let id = try pending.requiredInt(index, "id", table: "ticket")
                switch decide(try Self.vipWaiting(ticketId: id, connection)) {
                case .disclose(let disclosure): contacts.append(try Self.write(disclosure, ticketId: id, at: instant, connection))
                case .wait(let letters): for letter in letters { try Self.queue(letter, ticketId: id, at: instant, connection) }
                }
            }
            return contacts
        }
    }

    public func reassignVIPTicket(
        ticketId: Int64, at instant: Date, decide: @escaping @Sendable (VIPWaiting) throws -> VIPAssignment.Disclosure?
    ) async throws -> VIPContact? {
        try await pool.transaction(.readCommitted) { connection in
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('vip-assignment'))")
            guard let disclosure = try decide(try Self.vipWaiting(ticketId: ticketId, connection)) else { return nil }
            return try Self.write(disclosure, ticketId: ticketId, at: instant, connection)
        }
    }

    public func vipContact(ticketId: Int64) async throws -> VIPContact? {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT d.ticketId, d.agentUserId, u.displayName, d.phone, d.disclosedAt
                FROM vipDisclosure d JOIN userAccount u ON u.id = d.agentUserId
                WHERE d.ticketId = $1::bigint ORDER BY d.id DESC LIMIT 1
                """, [PostgresParameter(ticketId)])
            guard !rows.rows.isEmpty else { return nil }
            let table = "vipDisclosure"
            return VIPContact(
                ticketId: try rows.requiredInt(0, "ticketId", table: table), agentUserId: try rows.requiredInt(0, "agentUserId", table: table),
                agentName: try rows.required(0, "displayName", table: "userAccount"), phone: try rows.required(0, "phone", table: table),
                disclosedAt: try rows.requiredInstant(0, "disclosedAt", table: table))
        }
    }

    /// The ticket (its row locked), the agents who could take it (enabled agents on duty with a
    /// phone), the admins and whether they were told it waits, read in the caller's transaction.
    static func vipWaiting(ticketId: Int64, _ connection: PostgresConnection) throws -> VIPWaiting {
        let ticket = try Self.lockedTicket(ticketId, connection)
        let responsible = try connection.query("SELECT responsibleAgentId FROM ticket WHERE id = $1::bigint", [PostgresParameter(ticketId)])
            .int(0, "responsibleAgentId")
        let rows = try connection.query(
            """
            SELECT u.id, u.displayName, u.phone,
                   (SELECT count(*) FROM ticket t WHERE t.responsibleAgentId = u.id AND t.slaLevel = 'vip' AND t.state IN \(PostgresRules.openStates)) AS open,
                   (SELECT max(d.disclosedAt) FROM vipDisclosure d WHERE d.agentUserId = u.id) AS lastAssignedAt
            FROM userAccount u
            WHERE u.role = 'agent' AND u.onDuty AND NOT u.disabled AND u.phone IS NOT NULL
            """)
        let candidates = try rows.rows.indices.map {
            VIPAssignment.Candidate(
                userId: try rows.requiredInt($0, "id", table: "userAccount"), name: try rows.required($0, "displayName", table: "userAccount"),
                phone: try rows.required($0, "phone", table: "userAccount"), openVIPTickets: Int(try rows.requiredInt($0, "open", table: "ticket")),
                lastAssignedAt: rows.instant($0, "lastAssignedAt"))
        }
        let told = try connection.query(
            "SELECT EXISTS (SELECT 1 FROM notification WHERE kind = 'vip-pending' AND ticketId = $1::bigint) AS told", [PostgresParameter(ticketId)]
        ).bool(0, "told") ?? false
        return VIPWaiting(
            ticketId: ticketId, tid: ticket.tid, sender: ticket.senderEmail, responsibleAgentId: responsible,
            candidates: candidates, admins: try Self.adminAddresses(connection), adminsTold: told)
    }

    /// Makes the agent responsible and gives the customer their phone: in the ticket, in the
    /// outbox, in the audit log and in the ticket's record.
    static func write(_ disclosure: VIPAssignment.Disclosure, ticketId: Int64, at instant: Date, _ connection: PostgresConnection) throws -> VIPContact {
        let agent = disclosure.agent
        try connection.query("UPDATE ticket SET responsibleAgentId = $1::bigint WHERE id = $2::bigint", [PostgresParameter(agent.userId), PostgresParameter(ticketId)])
        let rows = try connection.query(
            """
            INSERT INTO vipDisclosure (ticketId, agentUserId, phone, disclosedAt, byUserId) VALUES ($1::bigint, $2::bigint, $3, $4::timestamptz, $5::bigint)
            RETURNING disclosedAt
            """,
            [PostgresParameter(ticketId), PostgresParameter(agent.userId), .text(agent.phone), PostgresParameter(instant), PostgresParameter(disclosure.audit.actor)])
        try Self.queue(disclosure.letter, ticketId: ticketId, at: instant, connection)
        try Self.append(connection, disclosure.audit, at: instant)
        try Self.recordEvent(disclosure.note, ticketId: ticketId, actor: disclosure.audit.actor, at: instant, connection)
        return VIPContact(
            ticketId: ticketId, agentUserId: agent.userId, agentName: agent.name, phone: agent.phone,
            disclosedAt: try rows.requiredInstant(0, "disclosedAt", table: "vipDisclosure"))
    }
}
