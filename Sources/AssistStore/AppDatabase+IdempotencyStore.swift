import AssistCore
import Foundation
import GRDB

extension AppDatabase: IdempotencyStore {
    public func claim(userId: Int64, key: String, fingerprint: String, at instant: Date, staleAfter: TimeInterval) async throws -> IdempotencyClaim {
        try await write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT fingerprint, status, contentType, body, createdAt FROM idempotentRequest WHERE userId = ? AND key = ?",
                arguments: [userId, key])
            else {
                try db.execute(
                    sql: "INSERT INTO idempotentRequest (userId, key, fingerprint, createdAt) VALUES (?, ?, ?, ?)",
                    arguments: [userId, key, fingerprint, instant])
                return .claimed
            }
            let storedFingerprint: String = row["fingerprint"]
            guard storedFingerprint == fingerprint else { return .mismatch }
            guard let status: Int = row["status"] else {
                let started: Date = row["createdAt"]
                guard instant.timeIntervalSince(started) > staleAfter else { return .inProgress }
                try db.execute(
                    sql: "UPDATE idempotentRequest SET createdAt = ? WHERE userId = ? AND key = ?", arguments: [instant, userId, key])
                return .claimed
            }
            let body: Data = row["body"] ?? Data()
            return .replay(status: status, contentType: row["contentType"] ?? "application/json", body: Array(body))
        }
    }

    public func complete(userId: Int64, key: String, status: Int, contentType: String, body: [UInt8]) async throws {
        try await write { db in
            try db.execute(
                sql: "UPDATE idempotentRequest SET status = ?, contentType = ?, body = ? WHERE userId = ? AND key = ?",
                arguments: [status, contentType, Data(body), userId, key])
        }
    }

    public func release(userId: Int64, key: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM idempotentRequest WHERE userId = ? AND key = ? AND status IS NULL", arguments: [userId, key])
        }
    }
}
