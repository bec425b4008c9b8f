import AssistTestSupport
import Foundation
import LibPQ
import Testing

/// Our wrapper over Debian's libpq against a real PostgreSQL 15 (the suite's throwaway cluster).
/// libpq blocks, so every call runs on a thread of NIO's pool (`TestPostgres.blocking`); the
/// expectations are checked back in the test.
@Suite("PostgreSQL through libpq: connections, values, errors")
struct PostgresConnectionTests {
    static func microseconds(_ instant: Date) -> Int64 { Int64((instant.timeIntervalSince1970 * 1_000_000).rounded()) }

    /// A connection to a new, empty database.
    func connect() async throws -> PostgresConnection {
        let uri = try await TestPostgres.database()
        return try await TestPostgres.blocking { try PostgresConnection(uri: uri) }
    }

    func refusal(_ uri: String) async -> PostgresError? {
        do {
            _ = try await TestPostgres.blocking { try PostgresConnection(uri: uri) }
            return nil
        } catch {
            return error as? PostgresError
        }
    }

    @Test("connects over TLS verified against our CA (sslmode=verify-full); a plain connection is refused by the server; a CA that did not sign it is refused by libpq; a wrong password is named without the password")
    func tls() async throws {
        let uri = try await TestPostgres.database()
        let version = try await TestPostgres.blocking { () -> String? in
            let connection = try PostgresConnection(uri: uri)
            return connection.usesTLS ? try connection.query("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").text(0, "version") : nil
        }
        #expect(version?.hasPrefix("TLSv1.") == true)

        let plain = await refusal(uri.replacingOccurrences(of: "sslmode=verify-full", with: "sslmode=disable"))
        #expect(plain?.kind == .connection && plain?.message.contains("no encryption") == true, "\(String(describing: plain))")

        let foreignCA = FileManager.default.temporaryDirectory.appendingPathComponent("foreign-ca-\(UUID().uuidString).pem").path
        let made = await ExternalProcess.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "/dev/null",
            "-subj", "/CN=Not our CA", "-days", "1", "-out", foreignCA,
        ])
        #expect(made.exitCode == 0, "\(made.standardError)")
        let unverified = await refusal(uri.replacingOccurrences(of: #"sslrootcert=[^&]*"#, with: "sslrootcert=\(foreignCA)", options: .regularExpression))
        #expect(unverified?.kind == .connection && unverified?.message.contains("certificate verify failed") == true, "\(String(describing: unverified))")

        let password = String(try #require(uri.firstMatch(of: /assist:([^@]+)@/)?.1))
        let signIn = await refusal(uri.replacingOccurrences(of: "assist:\(password)@", with: "assist:not-\(password)@"))
        #expect(signIn?.kind == .connection && signIn?.message.contains("password authentication failed") == true, "\(String(describing: signIn))")
        #expect(signIn?.description.contains(password) == false, "the password never reaches an error")
    }

    @Test("values are bound, never spliced into SQL: quotes, Cyrillic and emoji, NULL, bytes in binary, instants to the microsecond; a NUL in text is refused, nothing cut")
    func values() async throws {
        let connection = try await connect()
        let awkward = "O'Brien\"; DROP TABLE note; -- «Ёлка» 🎄 \\x00"
        let bytes: [UInt8] = [0, 1, 2, 0x5C, 0x78, 255, 0, 39]
        let instant = Date(timeIntervalSince1970: 1_796_680_805.123456)
        let (row, nulls) = try await TestPostgres.blocking {
            try connection.execute("CREATE TABLE note (id bigserial PRIMARY KEY, body text, data bytea, at timestamptz, flag boolean)")
            let id = try connection.query(
                "INSERT INTO note (body, data, at, flag) VALUES ($1, $2, $3, $4) RETURNING id",
                [.text(awkward), .bytes(bytes), PostgresParameter(instant), PostgresParameter(true)]
            ).int(0, "id")
            try connection.query("INSERT INTO note (body) VALUES ($1)", [nil])
            return (
                try connection.query("SELECT body, data, at, flag FROM note WHERE id = $1::bigint", [PostgresParameter(id)]),
                try connection.query("SELECT count(*) AS n FROM note WHERE body IS NULL").int(0, "n"))
        }
        #expect(row.text(0, "body") == awkward)
        #expect(row.bytes(0, "data") == bytes)
        #expect(row.instant(0, "at").map(Self.microseconds) == Self.microseconds(instant), "the instant to the microsecond")
        #expect(row.bool(0, "flag") == true)
        #expect(nulls == 1)
        let nul = await #expect(throws: PostgresError.self) {
            try await TestPostgres.blocking { try connection.query("INSERT INTO note (body) VALUES ($1)", ["before\u{0}after"]) }
        }
        #expect(nul?.message.contains("NUL") == true)
        #expect(try await TestPostgres.blocking { try connection.query("SELECT count(*) AS n FROM note").int(0, "n") } == 2, "nothing half-written")
    }

    @Test("errors are typed: a unique violation names its constraint, a check violation, a failed statement; the connection stays usable")
    func errors() async throws {
        let connection = try await connect()
        try await TestPostgres.blocking {
            try connection.execute("CREATE TABLE customer (id bigint PRIMARY KEY, inn text CONSTRAINT customer_inn UNIQUE, kopecks bigint CHECK (kopecks >= 0))")
            try connection.query("INSERT INTO customer VALUES (1, $1, 0)", ["7707083893"])
        }
        func failure(_ sql: String, _ parameters: [PostgresParameter]) async -> PostgresError? {
            do {
                try await TestPostgres.blocking { try connection.query(sql, parameters) }
                return nil
            } catch {
                return error as? PostgresError
            }
        }
        let unique = await failure("INSERT INTO customer VALUES (2, $1, 0)", ["7707083893"])
        #expect(unique?.kind == .uniqueViolation && unique?.sqlState == "23505" && unique?.constraint == "customer_inn", "\(String(describing: unique))")
        let check = await failure("INSERT INTO customer VALUES (3, NULL, $1::bigint)", [PostgresParameter(Int64(-1))])
        #expect(check?.kind == .checkViolation, "\(String(describing: check))")
        let syntax = await failure("SELEKT 1", [])
        #expect(syntax?.kind == .statement && syntax?.sqlState == "42601", "\(String(describing: syntax))")
        #expect(connection.isUsable)
        #expect(try await TestPostgres.blocking { try connection.query("SELECT count(*) AS n FROM customer").int(0, "n") } == 1)
    }
}
