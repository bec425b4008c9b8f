import AssistStore
import Foundation
import GRDB

/// Billed remote help needs a remote session the customer joined; store tests that only
/// meter time record one directly, already joined and without credentials.
enum RemoteSessionSeed {
    static func joined(_ database: AppDatabase, ticketId: Int64, agentUserId: Int64, at instant: Date = Date()) async throws {
        try await database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO remoteSession (ticketId, tool, customerRemoteId, agentUserId, agentName, state, joinExpiresAt, createdAt, activatedAt)
                VALUES (?, 'teamviewer', '123456789', ?, 'Агент', 'active', ?, ?, ?)
                """, arguments: [ticketId, agentUserId, instant, instant, instant])
        }
    }
}
