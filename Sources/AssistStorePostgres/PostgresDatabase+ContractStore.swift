import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: ContractStore {
    public func createContract(_ contract: NewContract, at instant: Date, audit: @escaping @Sendable (Contract) -> AuditNote) async throws -> Contract {
        try await pool.transaction(.readCommitted) { connection in
            try Self.requireCustomer(contract.customerId, connection)
            let rows = try connection.query(
                """
                INSERT INTO contract (customerId, tier, term, startsOn, endsOn, priceKopecks, createdAt, roundingIncrementSeconds, roundingMinimumSeconds)
                VALUES ($1::bigint, $2, $3, $4, $5, $6::bigint, $7::timestamptz, $8::integer, $9::integer) RETURNING *
                """,
                [
                    PostgresParameter(contract.customerId), .text(contract.tier.rawValue), .text(contract.term.rawValue),
                    .text(contract.startsOn.description), PostgresParameter(contract.endsOn?.description), PostgresParameter(contract.priceKopecks),
                    PostgresParameter(instant), PostgresParameter(contract.rounding.incrementSeconds), PostgresParameter(contract.rounding.minimumSeconds),
                ])
            let stored = try Self.contract(rows, 0)
            try Self.append(connection, audit(stored), at: instant)
            return stored
        }
    }

    public func contracts(customerId: Int64) async throws -> [Contract] {
        try await pool.withConnection { try Self.contracts(customerId, $0) }
    }

    public func addLicenceEmail(_ email: String, customerId: Int64, audit: AuditNote, at instant: Date) async throws {
        try await pool.transaction(.readCommitted) { connection in
            try Self.requireCustomer(customerId, connection)
            let added = try connection.query(
                "INSERT INTO licenceEmail (customerId, email) VALUES ($1::bigint, $2) ON CONFLICT DO NOTHING", [PostgresParameter(customerId), .text(email)])
            if added.affected > 0 { try Self.append(connection, audit, at: instant) }
        }
    }

    public func removeLicenceEmail(_ email: String, customerId: Int64, audit: AuditNote, at instant: Date) async throws -> Bool {
        try await pool.transaction(.readCommitted) { connection in
            let removed = try connection.query(
                "DELETE FROM licenceEmail WHERE customerId = $1::bigint AND email = $2", [PostgresParameter(customerId), .text(email)])
            guard removed.affected > 0 else { return false }
            try Self.append(connection, audit, at: instant)
            return true
        }
    }

    public func licenceEmails(customerId: Int64) async throws -> [String] {
        try await pool.withConnection { connection in
            try connection.query("SELECT email FROM licenceEmail WHERE customerId = $1::bigint ORDER BY email", [PostgresParameter(customerId)])
                .rows.compactMap { $0.first ?? nil }
        }
    }

    public func createGroup(
        customerId: Int64, name: String, members: [String], at instant: Date, audit: @escaping @Sendable (CommercialGroup) -> AuditNote
    ) async throws -> CommercialGroup {
        try await Self.namingGroup(name) {
            try await pool.transaction(.readCommitted) { connection in
                try Self.requireCustomer(customerId, connection)
                let id = try connection.query(
                    "INSERT INTO commercialGroup (customerId, name) VALUES ($1::bigint, $2) RETURNING id", [PostgresParameter(customerId), .text(name)]
                ).int(0, "id") ?? 0
                for email in Set(members) {
                    try connection.query("INSERT INTO commercialGroupMember (groupId, email) VALUES ($1::bigint, $2)", [PostgresParameter(id), .text(email)])
                }
                let group = CommercialGroup(id: id, customerId: customerId, name: name, members: Set(members).sorted())
                try Self.append(connection, audit(group), at: instant)
                return group
            }
        }
    }

    public func groups(customerId: Int64) async throws -> [CommercialGroup] {
        try await pool.withConnection { connection in
            let ids = try connection.query("SELECT id FROM commercialGroup WHERE customerId = $1::bigint ORDER BY id", [PostgresParameter(customerId)])
            return try ids.rows.indices.map { try Self.group(ids.int($0, "id") ?? 0, customerId: customerId, connection) }
        }
    }

    public func changeGroup(
        id: Int64, customerId: Int64, name: String?, adding: [String], removing: [String], at instant: Date,
        audit: @escaping @Sendable (CommercialGroup, CommercialGroup) -> AuditNote
    ) async throws -> CommercialGroup {
        try await Self.namingGroup(name ?? "") {
            try await pool.transaction(.readCommitted) { connection in
                // The group's row locked: two admins changing one group take turns.
                try connection.query("SELECT id FROM commercialGroup WHERE id = $1::bigint FOR UPDATE", [PostgresParameter(id)])
                let before = try Self.group(id, customerId: customerId, connection)
                if let name, name != before.name {
                    try connection.query("UPDATE commercialGroup SET name = $2 WHERE id = $1::bigint", [PostgresParameter(id), .text(name)])
                }
                for email in Set(removing) {
                    try connection.query("DELETE FROM commercialGroupMember WHERE groupId = $1::bigint AND email = $2", [PostgresParameter(id), .text(email)])
                }
                for email in Set(adding) {
                    try connection.query(
                        "INSERT INTO commercialGroupMember (groupId, email) VALUES ($1::bigint, $2) ON CONFLICT DO NOTHING", [PostgresParameter(id), .text(email)])
                }
                let after = try Self.group(id, customerId: customerId, connection)
                try Self.append(connection, audit(before, after), at: instant)
                return after
            }
        }
    }

    public func deleteGroup(id: Int64, customerId: Int64, at instant: Date, audit: @escaping @Sendable (CommercialGroup) -> AuditNote) async throws {
        try await pool.transaction(.readCommitted) { connection in
            let group = try Self.group(id, customerId: customerId, connection)
            try connection.query("DELETE FROM commercialGroup WHERE id = $1::bigint", [PostgresParameter(id)])
            try Self.append(connection, audit(group), at: instant)
        }
    }

    public func customerIds(registeringSender email: String) async throws -> [Int64] {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT customerId FROM licenceEmail WHERE email = $1
                UNION
                SELECT g.customerId FROM commercialGroupMember m JOIN commercialGroup g ON g.id = m.groupId WHERE m.email = $1
                ORDER BY 1
                """, [.text(email)])
            return rows.rows.indices.compactMap { rows.int($0, "customerId") }
        }
    }

    public func isRegisteredSender(_ email: String, customerId: Int64) async throws -> Bool {
        try await pool.withConnection { try Self.isRegisteredSender(email, customerId: customerId, $0) }
    }

    /// The customer's contracts and whether `sender` is registered with it, in the caller's
    /// transaction; throws `customerNotFound`.
    static func filingTerms(customerId: Int64, sender: String, _ connection: PostgresConnection) throws -> FilingTerms {
        try requireCustomer(customerId, connection)
        return FilingTerms(contracts: try contracts(customerId, connection), senderIsRegistered: try isRegisteredSender(sender, customerId: customerId, connection))
    }

    static func contracts(_ customerId: Int64, _ connection: PostgresConnection) throws -> [Contract] {
        let rows = try connection.query("SELECT * FROM contract WHERE customerId = $1::bigint ORDER BY startsOn, id", [PostgresParameter(customerId)])
        return try rows.rows.indices.map { try contract(rows, $0) }
    }

    static func isRegisteredSender(_ email: String, customerId: Int64, _ connection: PostgresConnection) throws -> Bool {
        try connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM licenceEmail WHERE customerId = $1::bigint AND email = $2)
                OR EXISTS (SELECT 1 FROM commercialGroupMember m JOIN commercialGroup g ON g.id = m.groupId
                           WHERE g.customerId = $1::bigint AND m.email = $2) AS registered
            """, [PostgresParameter(customerId), .text(email)]
        ).bool(0, "registered") ?? false
    }

    static func requireCustomer(_ id: Int64, _ connection: PostgresConnection) throws {
        guard try !connection.query("SELECT 1 AS one FROM customer WHERE id = $1::bigint", [PostgresParameter(id)]).rows.isEmpty else {
            throw AccountStoreError.customerNotFound(id)
        }
    }

    /// The customer's group `id` with its members; `.groupNotFound` for another customer's.
    static func group(_ id: Int64, customerId: Int64, _ connection: PostgresConnection) throws -> CommercialGroup {
        let ids: [PostgresParameter] = [PostgresParameter(id)]
        guard let name = try connection.query(
            "SELECT name FROM commercialGroup WHERE id = $1::bigint AND customerId = $2::bigint", ids + [PostgresParameter(customerId)]
        ).text(0, "name") else { throw AccountStoreError.groupNotFound(id) }
        let members = try connection.query("SELECT email FROM commercialGroupMember WHERE groupId = $1::bigint ORDER BY email", ids)
        return CommercialGroup(id: id, customerId: customerId, name: name, members: members.rows.compactMap { $0.first ?? nil })
    }

    /// A name another group of the customer has is refused by the unique key, whichever node
    /// wrote it first: that refusal, in the store's words.
    static func namingGroup<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresError where error.kind == .uniqueViolation && error.constraint == "commercialgroup_customerid_name_key" {
            throw AccountStoreError.groupNameTaken(name)
        }
    }

    static func contract(_ rows: PostgresRows, _ index: Int) throws -> Contract {
        Contract(
            id: try rows.requiredInt(index, "id", table: "contract"), customerId: try rows.requiredInt(index, "customerId", table: "contract"),
            tier: try rows.value(ContractTier.self, index, "tier", table: "contract"),
            term: try rows.value(ContractTerm.self, index, "term", table: "contract"),
            startsOn: try rows.date(index, "startsOn", table: "contract") ?? { throw CorruptRow(table: "contract", column: "startsOn", value: "NULL") }(),
            endsOn: try rows.date(index, "endsOn", table: "contract"),
            priceKopecks: try rows.requiredInt(index, "priceKopecks", table: "contract"),
            createdAt: try rows.requiredInstant(index, "createdAt", table: "contract"),
            rounding: RoundingRule(
                incrementSeconds: Int(try rows.requiredInt(index, "roundingIncrementSeconds", table: "contract")),
                minimumSeconds: Int(try rows.requiredInt(index, "roundingMinimumSeconds", table: "contract"))))
    }
}
