import AssistCore
import Foundation
import LibPQ

/// The sign-in throttle's counts (`SignInThrottle`), one row per key, shared by every node.
extension PostgresDatabase {
    public func blockedUntil(keys: [String], at instant: Date) async throws -> [String: Date] {
        guard !keys.isEmpty else { return [:] }
        return try await pool.withConnection { connection in
            let marks = (1...keys.count).map { "$\($0)" }.joined(separator: ", ")
            let rows = try connection.query(
                "SELECT key, blockedUntil FROM signInFailure WHERE key IN (\(marks)) AND blockedUntil > $\(keys.count + 1)::timestamptz",
                keys.map(PostgresParameter.text) + [PostgresParameter(instant)])
            var blocked: [String: Date] = [:]
            for index in rows.rows.indices {
                blocked[try rows.required(index, "key", table: "signInFailure")] = try rows.requiredInstant(index, "blockedUntil", table: "signInFailure")
            }
            return blocked
        }
    }

    public func changeFailureCount(
        key: String, forgetBefore: Date, _ change: @escaping @Sendable (FailureCount?) -> FailureCount?
    ) async throws -> (before: FailureCount?, after: FailureCount?) {
        try await pool.transaction(.readCommitted) { connection -> (before: FailureCount?, after: FailureCount?) in
            try connection.query("DELETE FROM signInFailure WHERE lastFailure < $1::timestamptz", [PostgresParameter(forgetBefore)])
            // The key's row, made if need be, is held until this count is written: failures
            // counted on several nodes at once queue here, and each one counts.
            try connection.query(
                "INSERT INTO signInFailure (key, failures, lastFailure) VALUES ($1, 0, now()) ON CONFLICT (key) DO NOTHING", [.text(key)])
            let rows = try connection.query("SELECT * FROM signInFailure WHERE key = $1 FOR UPDATE", [.text(key)])
            let table = "signInFailure"
            let failures = try rows.requiredInt(0, "failures", table: table)
            let before = failures == 0 && rows.text(0, "blockedUntil") == nil
                ? nil
                : FailureCount(
                    failures: Int(failures), lastFailure: try rows.requiredInstant(0, "lastFailure", table: table),
                    blockedUntil: rows.instant(0, "blockedUntil"), emails: StoredLines.lines(try rows.required(0, "emails", table: table)))
            let after = change(before)
            if let after {
                try connection.query(
                    "UPDATE signInFailure SET failures = $2::integer, lastFailure = $3::timestamptz, blockedUntil = $4::timestamptz, emails = $5 WHERE key = $1",
                    [.text(key), PostgresParameter(after.failures), PostgresParameter(after.lastFailure), PostgresParameter(after.blockedUntil),
                     .text(StoredLines.text(after.emails))])
            } else {
                try connection.query("DELETE FROM signInFailure WHERE key = $1", [.text(key)])
            }
            return (before, after)
        }
    }
}
