import AssistCore
import Foundation
import LibPQ

extension PostgresDatabase: IdempotencyStore {
    public func claim(userId: Int64, key: String, fingerprint: String, at instant: Date, staleAfter: TimeInterval) async throws -> IdempotencyClaim {
        try await pool.transaction(.readCommitted) { connection in
            let ids: [PostgresParameter] = [PostgresParameter(userId), .text(key)]
            // The key's row, inserted or locked: a second node's claim of the same key waits here.
            let inserted = try connection.query(
                """
                INSERT INTO idempotentRequest (userId, key, fingerprint, createdAt) VALUES ($1::bigint, $2, $3, $4::timestamptz)
                ON CONFLICT DO NOTHING RETURNING userId
                """, ids + [.text(fingerprint), PostgresParameter(instant)])
            guard inserted.rows.isEmpty else { return .claimed }
            let row = try connection.query(
                "SELECT fingerprint, status, contentType, body, createdAt FROM idempotentRequest WHERE userId = $1::bigint AND key = $2 FOR UPDATE", ids)
            guard !row.rows.isEmpty else {
                // Released between the two statements: the key is free again.
                try connection.query(
                    "INSERT INTO idempotentRequest (userId, key, fingerprint, createdAt) VALUES ($1::bigint, $2, $3, $4::timestamptz)",
                    ids + [.text(fingerprint), PostgresParameter(instant)])
                return .claimed
            }
            guard row.text(0, "fingerprint") == fingerprint else { return .mismatch }
            guard let status = row.int(0, "status") else {
                guard let started = row.instant(0, "createdAt"), instant.timeIntervalSince(started) > staleAfter else { return .inProgress }
                try connection.query(
                    "UPDATE idempotentRequest SET createdAt = $3::timestamptz WHERE userId = $1::bigint AND key = $2", ids + [PostgresParameter(instant)])
                return .claimed
            }
            return .replay(status: Int(status), contentType: row.text(0, "contentType") ?? "application/json", body: row.bytes(0, "body") ?? [])
        }
    }

    public func complete(userId: Int64, key: String, status: Int, contentType: String, body: [UInt8]) async throws {
        try await pool.withConnection { connection in
            try connection.query(
                "UPDATE idempotentRequest SET status = $3::integer, contentType = $4, body = $5 WHERE userId = $1::bigint AND key = $2",
                [PostgresParameter(userId), .text(key), PostgresParameter(status), .text(contentType), .bytes(body)])
        }
    }

    public func release(userId: Int64, key: String) async throws {
        try await pool.withConnection { connection in
            try connection.query(
                "DELETE FROM idempotentRequest WHERE userId = $1::bigint AND key = $2 AND status IS NULL", [PostgresParameter(userId), .text(key)])
        }
    }
}
