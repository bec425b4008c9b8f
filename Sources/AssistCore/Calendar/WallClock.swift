import Foundation

/// Where every decision takes "now" from: SLA clocks, metering, expiries, throttles, back-off,
/// daily caps, links and PIN windows. Given once, at the composition root — the system clock in
/// production — so that tests hand in a clock they set and move, and no outcome depends on two
/// readings of the wall clock falling in the same second, minute or Moscow day.
public protocol WallClock: Sendable {
    var now: Date { get }
}
