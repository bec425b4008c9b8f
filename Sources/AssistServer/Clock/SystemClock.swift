import AssistCore
import Foundation

/// The system's wall clock: what production decides by.
public struct SystemClock: WallClock {
    public init() {}

    public var now: Date { Date() }
}
