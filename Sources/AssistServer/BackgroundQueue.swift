import AssistDesk
import Logging
import ServiceLifecycle

/// The server's `BackgroundWork`: a queue the service group runs, one item at a time, in order.
/// At a graceful shutdown it stops taking work and finishes what it holds; what fails is logged.
/// Holds at most `capacity` items: beyond, new work is dropped with a warning (it is work that
/// can be asked for again — a letter with a link — never something already promised).
public final class BackgroundQueue: BackgroundWork, Service {
    private struct Item: Sendable {
        let what: String
        let work: @Sendable () async throws -> Void
    }

    private let items: AsyncStream<Item>
    private let continuation: AsyncStream<Item>.Continuation
    private let logger: Logger

    public init(logger: Logger, capacity: Int = 10_000) {
        (items, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingOldest(capacity))
        self.logger = logger
    }

    public func later(_ what: String, _ work: @escaping @Sendable () async throws -> Void) {
        if case .dropped = continuation.yield(Item(what: what, work: work)) {
            logger.warning("Background work dropped: the queue is full", metadata: ["work": "\(what)"])
        }
    }

    public func run() async throws {
        let continuation = continuation
        await withGracefulShutdownHandler {
            for await item in items {
                do {
                    try await item.work()
                } catch {
                    logger.error("Background work failed", metadata: ["work": "\(item.what)", "error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            continuation.finish()
        }
    }
}
