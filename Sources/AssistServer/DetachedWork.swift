import AssistDesk
import Logging

/// `BackgroundWork` for short-lived processes that hand none off (an MTA's pipe, offline
/// commands): should a use case do so anyway, its work runs on a task of its own, failures logged.
struct DetachedWork: BackgroundWork {
    let logger: Logger

    func later(_ what: String, _ work: @escaping @Sendable () async throws -> Void) {
        let logger = logger
        Task {
            do {
                try await work()
            } catch {
                logger.error("Background work failed", metadata: ["work": "\(what)", "error": "\(error)"])
            }
        }
    }
}
