import AssistDesk
import Foundation

/// `BackgroundWork` for desk tests: keeps what a use case hands off, and runs it when the test
/// says (`drain`), in order — so a test sees exactly what happens after the answer, and when.
public final class QueuedWork: BackgroundWork, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [@Sendable () async throws -> Void] = []

    public init() {}

    public func later(_ what: String, _ work: @escaping @Sendable () async throws -> Void) {
        lock.withLock { items.append(work) }
    }

    /// Runs what was handed off so far, and what that hands off in turn.
    public func drain() async throws {
        while let next = lock.withLock({ items.isEmpty ? nil : items.removeFirst() }) {
            try await next()
        }
    }
}
