import AssistCore
import Foundation
import GRDB

extension AppDatabase: ContractStore {
    public func createContract(_ contract: NewContract, at instant: Date, audit: @escaping @Sendable (Contract) -> AuditNote) async throws -> Contract {
        try await write { db in
            try Self.requireCustomer(contract.customerId, db)
            var record = ContractRecord(
                id: nil, customerId: contract.customerId, tier: contract.tier.rawValue, term: contract.term.rawValue,
                startsOn: contract.startsOn.description, endsOn: contract.endsOn?.description,
                priceKopecks: contract.priceKopecks, createdAt: instant,
                roundingIncrementSeconds: contract.rounding.incrementSeconds, roundingMinimumSeconds: contract.rounding.minimumSeconds)
            try record.insert(db)
            let stored = try record.contract()
            try AuditRecorder.append(db, audit(stored), at: instant)
            return stored
        }
    }

    public func contracts(customerId: Int64) async throws -> [Contract] {
        try await writer.read { db in
            try ContractRecord.filter(Column("customerId") == customerId).order(Column("startsOn"), Column("id"))
                .fetchAll(db).map { try $0.contract() }
        }
    }

    public func addLicenceEmail(_ email: String, customerId: Int64, audit: AuditNote, at instant: Date) async throws {
        try await write { db in
            try Self.requireCustomer(customerId, db)
            try db.execute(
                sql: "INSERT INTO licenceEmail (customerId, email) VALUES (?, ?) ON CONFLICT DO NOTHING",
                arguments: [customerId, email])
            if db.changesCount > 0 { try AuditRecorder.append(db, audit, at: instant) }
        }
    }

    public func removeLicenceEmail(_ email: String, customerId: Int64, audit: AuditNote, at instant: Date) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM licenceEmail WHERE customerId = ? AND email = ?", arguments: [customerId, email])
            guard db.changesCount > 0 else { return false }
            try AuditRecorder.append(db, audit, at: instant)
            return true
        }
    }

    public func licenceEmails(customerId: Int64) async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: "SELECT email FROM licenceEmail WHERE customerId = ? ORDER BY email", arguments: [customerId])
        }
    }

    public func createGroup(
        customerId: Int64, name: String, members: [String], at instant: Date, audit: @escaping @Sendable (CommercialGroup) -> AuditNote
    ) async throws -> CommercialGroup {
        try await write { db in
            try Self.requireCustomer(customerId, db)
            let taken = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM commercialGroup WHERE customerId = ? AND name = ?", arguments: [customerId, name]) ?? 0
            guard taken == 0 else { throw AccountStoreError.groupNameTaken(name) }
            try db.execute(sql: "INSERT INTO commercialGroup (customerId, name) VALUES (?, ?)", arguments: [customerId, name])
            let id = db.lastInsertedRowID
            for email in Set(members) {
                try db.execute(sql: "INSERT INTO commercialGroupMember (groupId, email) VALUES (?, ?)", arguments: [id, email])
            }
            let group = CommercialGroup(id: id, customerId: customerId, name: name, members: Set(members).sorted())
            try AuditRecorder.append(db, audit(group), at: instant)
            return group
        }
    }

    public func groups(customerId: Int64) async throws -> [CommercialGroup] {
        try await writer.read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM commercialGroup WHERE customerId = ? ORDER BY id", arguments: [customerId])
            return try ids.map { try Self.group($0, customerId: customerId, db) }
        }
    }

    public func changeGroup(
        id: Int64, customerId: Int64, name: String?, adding: [String], removing: [String], at instant: Date,
        audit: @escaping @Sendable (CommercialGroup, CommercialGroup) -> AuditNote
    ) async throws -> CommercialGroup {
        try await write { db in
            let before = try Self.group(id, customerId: customerId, db)
            if let name, name != before.name {
                let taken = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM commercialGroup WHERE customerId = ? AND name = ?", arguments: [customerId, name]) ?? 0
                guard taken == 0 else { throw AccountStoreError.groupNameTaken(name) }
                try db.execute(sql: "UPDATE commercialGroup SET name = ? WHERE id = ?", arguments: [name, id])
            }
            for email in Set(removing) {
                try db.execute(sql: "DELETE FROM commercialGroupMember WHERE groupId = ? AND email = ?", arguments: [id, email])
            }
            for email in Set(adding) {
                try db.execute(sql: "INSERT OR IGNORE INTO commercialGroupMember (groupId, email) VALUES (?, ?)", arguments: [id, email])
            }
            let after = try Self.group(id, customerId: customerId, db)
            try AuditRecorder.append(db, audit(before, after), at: instant)
            return after
        }
    }

    public func deleteGroup(id: Int64, customerId: Int64, at instant: Date, audit: @escaping @Sendable (CommercialGroup) -> AuditNote) async throws {
        try await write { db in
            let group = try Self.group(id, customerId: customerId, db)
            try db.execute(sql: "DELETE FROM commercialGroup WHERE id = ?", arguments: [id])
            try AuditRecorder.append(db, audit(group), at: instant)
        }
    }

    /// The customer's group `id` with its members; `.groupNotFound` for another customer's.
    static func group(_ id: Int64, customerId: Int64, _ db: Database) throws -> CommercialGroup {
        guard let name = try String.fetchOne(
            db, sql: "SELECT name FROM commercialGroup WHERE id = ? AND customerId = ?", arguments: [id, customerId])
        else { throw AccountStoreError.groupNotFound(id) }
        let members = try String.fetchAll(db, sql: "SELECT email FROM commercialGroupMember WHERE groupId = ? ORDER BY email", arguments: [id])
        return CommercialGroup(id: id, customerId: customerId, name: name, members: members)
    }

    public func customerIds(registeringSender email: String) async throws -> [Int64] {
        try await writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT customerId FROM licenceEmail WHERE email = ?1
                UNION
                SELECT g.customerId FROM commercialGroupMember m JOIN commercialGroup g ON g.id = m.groupId WHERE m.email = ?1
                ORDER BY 1
                """, arguments: [email])
        }
    }

    public func isRegisteredSender(_ email: String, customerId: Int64) async throws -> Bool {
        try await writer.read { db in try Self.isRegisteredSender(email, customerId: customerId, db) }
    }

    /// The customer's contracts and whether `sender` is registered with it; throws
    /// `customerNotFound`. Read in the transaction that files the ticket, with cached statements.
    static func filingTerms(customerId: Int64, sender: String, _ db: Database) throws -> FilingTerms {
        try Self.requireCustomer(customerId, db)
        let contracts = try db.cachedStatement(sql: "SELECT * FROM contract WHERE customerId = ? ORDER BY startsOn, id")
        return FilingTerms(
            contracts: try ContractRecord.fetchAll(contracts, arguments: [customerId]).map { try $0.contract() },
            senderIsRegistered: try Self.isRegisteredSender(sender, customerId: customerId, db))
    }

    private static func isRegisteredSender(_ email: String, customerId: Int64, _ db: Database) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            SELECT (SELECT COUNT(*) FROM licenceEmail WHERE customerId = ?1 AND email = ?2)
                 + (SELECT COUNT(*) FROM commercialGroupMember m JOIN commercialGroup g ON g.id = m.groupId
                    WHERE g.customerId = ?1 AND m.email = ?2)
            """)
        return try (Int.fetchOne(statement, arguments: [customerId, email]) ?? 0) > 0
    }

    static func requireCustomer(_ id: Int64, _ db: Database) throws {
        // Most writes for a customer start here: a cached statement skips SQL compilation.
        guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM customer WHERE id = ?"), arguments: [id]) != nil else {
            throw AccountStoreError.customerNotFound(id)
        }
    }
}
