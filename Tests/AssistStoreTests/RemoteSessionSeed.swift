import AssistCore
import AssistStore
import Foundation

/// Billed remote help needs a remote session the customer joined: store tests that meter
/// time open one and join it through the session store, as the desk would.
enum RemoteSessionSeed {
    static func joined(_ database: AppDatabase, ticketId: Int64, agentUserId: Int64, at instant: Date = TestInstant.now) async throws {
        let sessions = SessionDatabase(database: database, key: Array(repeating: 7, count: 32))
        guard let ticket = try await database.tickets(customerId: nil, state: nil).first(where: { $0.id == ticketId }) else { return }
        let session = try await sessions.openSession(
            NewRemoteSession(ticketId: ticketId, tid: ticket.tid, tool: .teamviewer, customerRemoteId: "123456789", agentRemoteId: nil,
                             agentUserId: agentUserId, agentName: "Агент", joinExpiresAt: instant.addingTimeInterval(900)),
            credentials: SessionCredentials(sessionCode: "AAAA-BBBB", pin: "000000", passedPassword: nil), at: instant
        ) { id, sender in OutgoingLetter(kind: "session-opened", recipient: sender, ("Сеанс \(id)", "")) }
        _ = try await sessions.join(sessionId: session.id, pin: "000000", by: agentUserId, at: instant)
    }
}
