import AssistStore
import AssistStorePostgres
import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// The schema on PostgreSQL: the same migrations as SQLite's, applied once however many nodes
/// start at once, and the constraints that are the last line of defence, on the real server.
@Suite("The PostgreSQL schema: migrations and the database's own guards")
struct PostgresSchemaTests {
    func migrated() async throws -> PostgresPool {
        let pool = PostgresPool(uri: try await TestPostgres.database(), size: 2)
        try await PostgresSchema.migrate(pool)
        return pool
    }

    /// What the statement throws, or nil when it ran.
    func failure(_ pool: PostgresPool, _ sql: String) async -> PostgresError? {
        do {
            try await pool.withConnection { try $0.execute(sql) }
            return nil
        } catch {
            return error as? PostgresError
        }
    }

    @Test("the same migrations, by the same names and in the same order, as on SQLite")
    func sameNames() {
        #expect(PostgresSchema.migrationNames == AppDatabase.migrationNames)
    }

    @Test("three nodes migrating one empty database at once apply each migration once; then nothing is pending, and a name this binary does not know is refused")
    func migrateOnce() async throws {
        let uri = try await TestPostgres.database()
        let pools = (0..<3).map { _ in PostgresPool(uri: uri, size: 1) }
        #expect(try await PostgresSchema.pendingMigrations(pools[0]) == PostgresSchema.migrationNames)
        let applied = try await withThrowingTaskGroup(of: [String].self) { group in
            for pool in pools { group.addTask { try await PostgresSchema.migrate(pool) } }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(applied.filter { !$0.isEmpty } == [PostgresSchema.migrationNames], "one node migrated, the others found it done")
        #expect(try await PostgresSchema.pendingMigrations(pools[1]).isEmpty)
        try await pools[0].withConnection { try $0.execute("INSERT INTO schemaMigration (name) VALUES ('v99 from the future')") }
        await #expect(throws: PostgresSchema.NewerThanBinary(unknown: ["v99 from the future"])) {
            _ = try await PostgresSchema.pendingMigrations(pools[2])
        }
        for pool in pools { try await pool.close() }
    }

    @Test("the database's guards hold on PostgreSQL: the audit log is append-only, one running timer per agent, one unrestored phone install, one INN, an issued invoice never changes")
    func guards() async throws {
        let pool = try await migrated()
        try await pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO customer (id, name, inn, createdAt) VALUES (1, 'ООО Ромашка', '7707083893', now());
                INSERT INTO userAccount (id, displayName, role, createdAt) VALUES (1, 'Агент', 'agent', now());
                INSERT INTO ticket (id, tid, customerId, subject, description, productVersion, problemClass, senderEmail, receivedAt, state,
                    slaLevel, clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation)
                    VALUES (1, 'TID-2026-000001', 1, 'Тема', 'Описание', '5.2', 'standard', 'a@b.ru', now(), 'new', 'free-standard', now(), now(), 1, '[]');
                INSERT INTO auditEntry VALUES (1, 0, NULL, 'test', 'x', 'y', '', 'h');
                INSERT INTO meteredSession (ticketId, customerId, agentUserId, kind, channel, rateKopecksPerHour, roundingIncrementSeconds,
                    roundingMinimumSeconds, startedAt) VALUES (1, 1, 1, 'update', 'remote', 150000, 60, 0, now());
                INSERT INTO phoneInstallUse (customerId, ticketId, usedAt) VALUES (1, 1, now());
                INSERT INTO invoice (id, number, year, sequence, customerId, buyerName, seller, periodFrom, periodTo, subscriptionKopecks,
                    meteredKopecks, totalKopecks, vatKopecks, totalInWords, lineCount, issuedAt, issuedByUserId)
                    VALUES (1, '2026-000001', 2026, 1, 1, 'ООО Ромашка', '{}', '2026-12-01', '2026-12-31', 0, 100, 100, 0, 'один рубль', 1, now(), 1);
                """)
        }
        let audit = await failure(pool, "UPDATE auditEntry SET detail = 'nothing happened' WHERE id = 1")
        #expect(audit?.message == "the audit log is append-only", "\(String(describing: audit))")
        #expect(await failure(pool, "DELETE FROM auditEntry")?.message == "the audit log is append-only")
        let timer = await failure(pool, """
            INSERT INTO meteredSession (ticketId, customerId, agentUserId, kind, channel, rateKopecksPerHour, roundingIncrementSeconds,
                roundingMinimumSeconds, startedAt) VALUES (1, 1, 1, 'update', 'remote', 150000, 60, 0, now())
            """)
        #expect(timer?.kind == .uniqueViolation && timer?.constraint == "meteredsession_onerunning", "\(String(describing: timer))")
        let install = await failure(pool, "INSERT INTO phoneInstallUse (customerId, ticketId, usedAt) VALUES (1, 1, now())")
        #expect(install?.kind == .uniqueViolation && install?.constraint == "phoneinstalluse_once")
        let inn = await failure(pool, "INSERT INTO customer (id, name, inn, createdAt) VALUES (2, 'ООО Другая', '7707083893', now())")
        #expect(inn?.kind == .uniqueViolation && inn?.constraint == "customer_inn")
        let invoice = await failure(pool, "UPDATE invoice SET totalKopecks = 1, meteredKopecks = 1 WHERE id = 1")
        #expect(invoice?.message.contains("never changes") == true, "\(String(describing: invoice))")
        let staff = await failure(pool, """
            INSERT INTO ticketMessage (ticketId, author, body, createdAt, channel) VALUES (1, 'customer', 'по телефону', now(), 'staff')
            """)
        #expect(staff == nil, "v25: the staff channel is allowed")
        let channel = await failure(pool, "INSERT INTO ticketMessage (ticketId, author, body, createdAt, channel) VALUES (1, 'customer', 'x', now(), 'fax')")
        #expect(channel?.kind == .checkViolation)
        try await pool.close()
    }
}
