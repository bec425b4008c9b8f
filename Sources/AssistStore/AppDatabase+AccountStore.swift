import AssistCore
import Foundation
import GRDB

extension AppDatabase: AccountStore {
    public func createCustomer(
        name: String, inn: String?, kpp: String?, at instant: Date, audit: @escaping @Sendable (Customer) -> AuditNote
    ) async throws -> Customer {
        try await write { db in
            var record = CustomerRecord(id: nil, name: name, inn: inn, kpp: kpp, createdAt: instant)
            do {
                try record.insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                guard let inn, let holder = try CustomerRecord.filter(Column("inn") == inn).fetchOne(db) else { throw error }
                throw AccountStoreError.innTaken(inn: inn, customerId: holder.id ?? 0, name: holder.name)
            }
            try AuditRecorder.append(db, audit(record.customer), at: instant)
            return record.customer
        }
    }

    public func customer(id: Int64) async throws -> Customer? {
        try await writer.read { try CustomerRecord.fetchOne($0, key: id)?.customer }
    }

    public func customers() async throws -> [Customer] {
        try await writer.read { try CustomerRecord.order(Column("id")).fetchAll($0).map(\.customer) }
    }

    public func createUser(_ user: NewUser, at instant: Date, audit: @escaping @Sendable (UserAccount) -> AuditNote) async throws -> UserAccount {
        try await write { db in
            if let customerId = user.customerId {
                try Self.requireCustomer(customerId, db)
            }
            if let email = user.email, try UserRecord.filter(Column("email") == email).fetchCount(db) > 0 {
                throw AccountStoreError.emailTaken(email)
            }
            var record = UserRecord(
                id: nil, displayName: user.displayName, email: user.email, role: user.role.rawValue,
                customerId: user.customerId, phone: user.phone, onDuty: false, disabled: false, createdAt: instant)
            try record.insert(db)
            try AuditRecorder.append(db, audit(record.account), at: instant)
            return record.account
        }
    }

    public func user(id: Int64) async throws -> UserAccount? {
        try await writer.read { try UserRecord.fetchOne($0, key: id)?.account }
    }

    public func users() async throws -> [UserAccount] {
        try await writer.read { try UserRecord.order(Column("id")).fetchAll($0).map(\.account) }
    }

    public func users(email: String) async throws -> [UserAccount] {
        try await writer.read { try UserRecord.filter(Column("email") == email).order(Column("id")).fetchAll($0).map(\.account) }
    }

    public func updateUser(
        id: Int64, _ change: UserChange, at instant: Date, audit: @escaping @Sendable (UserAccount, UserAccount) -> AuditNote?
    ) async throws -> UserAccount? {
        try await write { db in
            guard var record = try UserRecord.fetchOne(db, key: id) else { return nil }
            let before = record.account
            let after = AccountRule.changed(before, by: change)
            let openVIPTickets = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM ticket WHERE responsibleAgentId = ? AND slaLevel = 'vip' AND state IN \(SQLRules.openStates)
                """, arguments: [id]) ?? 0
            // Read in the change's transaction (SQLite's one writer), so two admins demoting each
            // other at once cannot both succeed.
            let otherAdmins = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM userAccount WHERE role = 'admin' AND disabled = 0 AND id <> ?", arguments: [id]) ?? 0
            try AccountRule.check(before, becoming: after, openVIPTickets: openVIPTickets, otherEnabledAdmins: otherAdmins)
            record.displayName = after.displayName
            record.phone = after.phone
            record.onDuty = after.onDuty
            record.disabled = after.disabled
            record.role = after.role.rawValue
            try record.update(db)
            if let note = audit(before, after) { try AuditRecorder.append(db, note, at: instant) }
            return after
        }
    }

    public func hasAdmin() async throws -> Bool {
        try await writer.read { try UserRecord.filter(Column("role") == Role.admin.rawValue).fetchCount($0) > 0 }
    }

    public func addToken(
        userId: Int64, tokenHash: String, label: String, createdAt: Date, expiresAt: Date, audit: @escaping @Sendable (AccessTokenInfo) -> AuditNote
    ) async throws -> AccessTokenInfo {
        try await write { db in
            var record = AccessTokenRecord(
                id: nil, userId: userId, tokenHash: tokenHash, label: label, createdAt: createdAt, expiresAt: expiresAt, revokedAt: nil)
            try record.insert(db)
            try AuditRecorder.append(db, audit(record.info), at: createdAt)
            return record.info
        }
    }

    public func tokens(userId: Int64) async throws -> [AccessTokenInfo] {
        try await writer.read { db in
            try AccessTokenRecord.filter(Column("userId") == userId).order(Column("id")).fetchAll(db).map(\.info)
        }
    }

    public func token(id: Int64) async throws -> AccessTokenInfo? {
        try await writer.read { try AccessTokenRecord.fetchOne($0, key: id)?.info }
    }

    public func revokeToken(id: Int64, at instant: Date, audit: @escaping @Sendable (AccessTokenInfo) -> AuditNote) async throws -> AccessTokenInfo? {
        try await write { db in
            guard var record = try AccessTokenRecord.fetchOne(db, key: id) else { return nil }
            if record.revokedAt == nil {
                record.revokedAt = instant
                try record.update(db)
                try AuditRecorder.append(db, audit(record.info), at: instant)
            }
            return record.info
        }
    }

    public func user(forTokenHash hash: String, at instant: Date) async throws -> UserAccount? {
        // Every API request runs this: answered from memory when it can (`tokenUsers`).
        if let known = tokenUsers.value(for: hash) {
            return known.expiresAt > instant ? known.user : nil
        }
        let generation = tokenUsers.generation
        let found = try await writer.read { db -> RememberedToken? in
            let statement = try db.cachedStatement(sql: """
                SELECT u.*, t.expiresAt AS tokenExpiresAt FROM accessToken t JOIN userAccount u ON u.id = t.userId
                WHERE t.tokenHash = ? AND t.revokedAt IS NULL AND t.expiresAt > ? AND u.disabled = 0
                """)
            return try Row.decodeFirst(statement, arguments: [hash, instant]) { row in
                RememberedToken(user: try UserRecord(row: row).account, expiresAt: row["tokenExpiresAt"])
            }
        }
        guard let found else { return nil }
        tokenUsers.keep(found, for: hash, readInGeneration: generation)
        return found.user
    }
}
