import AssistCore
import Foundation

/// A clock a test sets and moves by hand: time passes only when the test says so, so no outcome
/// depends on how fast the machine is or which second, minute or Moscow day it happens to be.
public final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    public init(at instant: Date) {
        self.instant = instant
    }

    public var now: Date { lock.withLock { instant } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { instant = instant.addingTimeInterval(seconds) }
    }

    public func set(_ newInstant: Date) {
        lock.withLock { instant = newInstant }
    }
}
