import AssistCore
import Foundation
import GRDB

/// The sign-in throttle's counts (`SignInThrottle`), one row per key.
extension AppDatabase {
    public func blockedUntil(keys: [String], at instant: Date) async throws -> [String: Date] {
        guard !keys.isEmpty else { return [:] }
        return try await writer.read { db in
            let marks = keys.map { _ in "?" }.joined(separator: ", ")
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, blockedUntil FROM signInFailure WHERE key IN (\(marks)) AND blockedUntil > ?",
                arguments: StatementArguments(keys) + [StoredTime.text(instant)])
            return Dictionary(rows.map { ($0["key"] as String, $0["blockedUntil"] as Date) }) { first, _ in first }
        }
    }

    public func changeFailureCount(
        key: String, forgetBefore: Date, _ change: @escaping @Sendable (FailureCount?) -> FailureCount?
    ) async throws -> (before: FailureCount?, after: FailureCount?) {
        try await write { db in
            try db.execute(sql: "DELETE FROM signInFailure WHERE lastFailure < ?", arguments: [StoredTime.text(forgetBefore)])
            let before = try Row.fetchOne(db, sql: "SELECT * FROM signInFailure WHERE key = ?", arguments: [key]).map {
                FailureCount(
                    failures: $0["failures"], lastFailure: $0["lastFailure"], blockedUntil: $0["blockedUntil"],
                    emails: StoredLines.lines($0["emails"]))
            }
            let after = change(before)
            if let after {
                try db.execute(
                    sql: """
                        INSERT INTO signInFailure (key, failures, lastFailure, blockedUntil, emails) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, lastFailure = excluded.lastFailure,
                            blockedUntil = excluded.blockedUntil, emails = excluded.emails
                        """,
                    arguments: [key, after.failures, StoredTime.text(after.lastFailure), after.blockedUntil.map(StoredTime.text),
                                StoredLines.text(after.emails)])
            } else if before != nil {
                try db.execute(sql: "DELETE FROM signInFailure WHERE key = ?", arguments: [key])
            }
            return (before, after)
        }
    }
}
