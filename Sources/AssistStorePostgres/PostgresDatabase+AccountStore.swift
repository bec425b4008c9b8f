import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: AccountStore {
    public func createCustomer(
        name: String, inn: String?, kpp: String?, at instant: Date, audit: @escaping @Sendable (Customer) -> AuditNote
    ) async throws -> Customer {
        do {
            return try await pool.transaction(.readCommitted) { connection in
                let rows = try connection.query(
                    "INSERT INTO customer (name, inn, kpp, createdAt) VALUES ($1, $2, $3, $4::timestamptz) RETURNING *",
                    [.text(name), PostgresParameter(inn), PostgresParameter(kpp), PostgresParameter(instant)])
                let customer = try Self.customer(rows, 0)
                try Self.append(connection, audit(customer), at: instant)
                return customer
            }
        } catch let error as PostgresError where error.kind == .uniqueViolation && error.constraint == "customer_inn" {
            // One INN, one customer, whichever node inserted first: name the holder.
            guard let inn, let holder = try await pool.withConnection({ connection -> Customer? in
                let rows = try connection.query("SELECT * FROM customer WHERE inn = $1", [.text(inn)])
                return rows.rows.isEmpty ? nil : try Self.customer(rows, 0)
            }) else { throw error }
            throw AccountStoreError.innTaken(inn: inn, customerId: holder.id, name: holder.name)
        }
    }

    public func customer(id: Int64) async throws -> Customer? {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM customer WHERE id = $1::bigint", [PostgresParameter(id)])
            return rows.rows.isEmpty ? nil : try Self.customer(rows, 0)
        }
    }

    public func customers() async throws -> [Customer] {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM customer ORDER BY id")
            return try rows.rows.indices.map { try Self.customer(rows, $0) }
        }
    }

    public func createUser(_ user: NewUser, at instant: Date, audit: @escaping @Sendable (UserAccount) -> AuditNote) async throws -> UserAccount {
        do {
            return try await pool.transaction(.readCommitted) { connection in
                if let customerId = user.customerId { try Self.requireCustomer(customerId, connection) }
                let rows = try connection.query(
                    """
                    INSERT INTO userAccount (displayName, email, role, customerId, phone, onDuty, disabled, createdAt)
                    VALUES ($1, $2, $3, $4::bigint, $5, false, false, $6::timestamptz) RETURNING *
                    """,
                    [.text(user.displayName), PostgresParameter(user.email), .text(user.role.rawValue), PostgresParameter(user.customerId),
                     PostgresParameter(user.phone), PostgresParameter(instant)])
                let account = try Self.user(rows, 0)
                try Self.append(connection, audit(account), at: instant)
                return account
            }
        } catch let error as PostgresError where error.kind == .uniqueViolation && error.constraint == "useraccount_email_key" {
            throw AccountStoreError.emailTaken(user.email ?? "")
        }
    }

    public func user(id: Int64) async throws -> UserAccount? {
        try await pool.withConnection { try Self.user(id: id, $0) }
    }

    public func users() async throws -> [UserAccount] {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM userAccount ORDER BY id")
            return try rows.rows.indices.map { try Self.user(rows, $0) }
        }
    }

    public func users(email: String) async throws -> [UserAccount] {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM userAccount WHERE email = $1 ORDER BY id", [.text(email)])
            return try rows.rows.indices.map { try Self.user(rows, $0) }
        }
    }

    public func updateUser(
        id: Int64, _ change: UserChange, at instant: Date, audit: @escaping @Sendable (UserAccount, UserAccount) -> AuditNote?
    ) async throws -> UserAccount? {
        try await pool.transaction(.readCommitted) { connection in
            // Every enabled admin's row, and this user's, locked in one order: two admins on two
            // nodes demoting each other take turns, and the second sees the first's change.
            try connection.query(
                "SELECT id FROM userAccount WHERE (role = 'admin' AND NOT disabled) OR id = $1::bigint ORDER BY id FOR UPDATE", [PostgresParameter(id)])
            guard let before = try Self.user(id: id, connection) else { return nil }
            let after = AccountRule.changed(before, by: change)
            let openVIPTickets = try connection.query(
                "SELECT count(*) AS n FROM ticket WHERE responsibleAgentId = $1::bigint AND slaLevel = 'vip' AND state IN \(PostgresRules.openStates)",
                [PostgresParameter(id)]
            ).int(0, "n") ?? 0
            let otherAdmins = try connection.query(
                "SELECT count(*) AS n FROM userAccount WHERE role = 'admin' AND NOT disabled AND id <> $1::bigint", [PostgresParameter(id)]
            ).int(0, "n") ?? 0
            try AccountRule.check(before, becoming: after, openVIPTickets: Int(openVIPTickets), otherEnabledAdmins: Int(otherAdmins))
            try connection.query(
                "UPDATE userAccount SET displayName = $2, phone = $3, onDuty = $4::boolean, disabled = $5::boolean, role = $6 WHERE id = $1::bigint",
                [PostgresParameter(id), .text(after.displayName), PostgresParameter(after.phone), PostgresParameter(after.onDuty),
                 PostgresParameter(after.disabled), .text(after.role.rawValue)])
            if let note = audit(before, after) { try Self.append(connection, note, at: instant) }
            return after
        }
    }

    public func hasAdmin() async throws -> Bool {
        try await pool.withConnection { connection in
            try connection.query("SELECT EXISTS (SELECT 1 FROM userAccount WHERE role = 'admin') AS present").bool(0, "present") ?? false
        }
    }

    public func addToken(
        userId: Int64, tokenHash: String, label: String, createdAt: Date, expiresAt: Date, audit: @escaping @Sendable (AccessTokenInfo) -> AuditNote
    ) async throws -> AccessTokenInfo {
        try await pool.transaction(.readCommitted) { connection in
            let rows = try connection.query(
                "INSERT INTO accessToken (userId, tokenHash, label, createdAt, expiresAt) VALUES ($1::bigint, $2, $3, $4::timestamptz, $5::timestamptz) RETURNING *",
                [PostgresParameter(userId), .text(tokenHash), .text(label), PostgresParameter(createdAt), PostgresParameter(expiresAt)])
            let token = try Self.token(rows, 0)
            try Self.append(connection, audit(token), at: createdAt)
            return token
        }
    }

    public func tokens(userId: Int64) async throws -> [AccessTokenInfo] {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM accessToken WHERE userId = $1::bigint ORDER BY id", [PostgresParameter(userId)])
            return try rows.rows.indices.map { try Self.token(rows, $0) }
        }
    }

    public func token(id: Int64) async throws -> AccessTokenInfo? {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM accessToken WHERE id = $1::bigint", [PostgresParameter(id)])
            return rows.rows.isEmpty ? nil : try Self.token(rows, 0)
        }
    }

    public func revokeToken(id: Int64, at instant: Date, audit: @escaping @Sendable (AccessTokenInfo) -> AuditNote) async throws -> AccessTokenInfo? {
        try await pool.transaction(.readCommitted) { connection in
            // Revoked once: of two revocations at once, one changes the row and is audited.
            let revoked = try connection.query(
                "UPDATE accessToken SET revokedAt = $2::timestamptz WHERE id = $1::bigint AND revokedAt IS NULL RETURNING *",
                [PostgresParameter(id), PostgresParameter(instant)])
            if !revoked.rows.isEmpty {
                let token = try Self.token(revoked, 0)
                try Self.append(connection, audit(token), at: instant)
                return token
            }
            let rows = try connection.query("SELECT * FROM accessToken WHERE id = $1::bigint", [PostgresParameter(id)])
            return rows.rows.isEmpty ? nil : try Self.token(rows, 0)
        }
    }

    /// Read from the database on every request: a token revoked or a user disabled on another
    /// node is refused here at once (a per-node memory of tokens would let it through).
    public func user(forTokenHash hash: String, at instant: Date) async throws -> UserAccount? {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT u.* FROM accessToken t JOIN userAccount u ON u.id = t.userId
                WHERE t.tokenHash = $1 AND t.revokedAt IS NULL AND t.expiresAt > $2::timestamptz AND NOT u.disabled
                """, [.text(hash), PostgresParameter(instant)])
            return rows.rows.isEmpty ? nil : try Self.user(rows, 0)
        }
    }

    static func user(id: Int64, _ connection: PostgresConnection) throws -> UserAccount? {
        let rows = try connection.query("SELECT * FROM userAccount WHERE id = $1::bigint", [PostgresParameter(id)])
        return rows.rows.isEmpty ? nil : try user(rows, 0)
    }

    static func customer(_ rows: PostgresRows, _ index: Int) throws -> Customer {
        Customer(
            id: try rows.requiredInt(index, "id", table: "customer"), name: try rows.required(index, "name", table: "customer"),
            inn: rows.text(index, "inn"), kpp: rows.text(index, "kpp"), createdAt: try rows.requiredInstant(index, "createdAt", table: "customer"))
    }

    static func user(_ rows: PostgresRows, _ index: Int) throws -> UserAccount {
        UserAccount(
            id: try rows.requiredInt(index, "id", table: "userAccount"), displayName: try rows.required(index, "displayName", table: "userAccount"),
            email: rows.text(index, "email"), role: try rows.value(Role.self, index, "role", table: "userAccount"),
            customerId: rows.int(index, "customerId"), phone: rows.text(index, "phone"), onDuty: rows.bool(index, "onDuty") ?? false,
            disabled: rows.bool(index, "disabled") ?? false, createdAt: try rows.requiredInstant(index, "createdAt", table: "userAccount"))
    }

    static func token(_ rows: PostgresRows, _ index: Int) throws -> AccessTokenInfo {
        AccessTokenInfo(
            id: try rows.requiredInt(index, "id", table: "accessToken"), userId: try rows.requiredInt(index, "userId", table: "accessToken"),
            label: try rows.required(index, "label", table: "accessToken"), createdAt: try rows.requiredInstant(index, "createdAt", table: "accessToken"),
            expiresAt: try rows.requiredInstant(index, "expiresAt", table: "accessToken"), revokedAt: rows.instant(index, "revokedAt"))
    }
}
