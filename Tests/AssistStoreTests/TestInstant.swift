import AssistCore
import Foundation

/// The instant store tests act at: a fixed working Monday in Moscow, so a test gives the same
/// answer at whatever hour and on whatever day it runs (the store takes every instant from its
/// caller, never from the system clock).
enum TestInstant {
    static let now = RFC3339.parse("2026-03-02T11:00:00+03:00")!
}
