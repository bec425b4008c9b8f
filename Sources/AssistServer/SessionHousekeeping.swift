import AssistDesk
import Logging
import ServiceLifecycle

/// R-1.4 (`SessionLifetime`): once a minute, beside the server, remote sessions nobody joined in
/// time expire and active ones past `session.maximumHours` end — their credentials wiped even
/// when nobody reads the session again.
struct SessionHousekeeping: Service {
    let sessions: SessionDesk
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let wiped = try await sessions.expireStale()
                    if wiped > 0 { logger.info("Remote sessions past their time ended; credentials wiped", metadata: ["sessions": "\(wiped)"]) }
                } catch {
                    logger.error("Remote sessions past their time could not be ended this round", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
