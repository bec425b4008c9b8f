import Synchronization

/// Answers read from the database, remembered so that the next request for the same thing
/// needs no trip to it.
///
/// Never stale in this process: a `TableChangeObserver` calls `forgetAll` in the commit of any
/// write to the tables an answer came from, before that write is acknowledged, and an answer read
/// while such a commit happened is not kept (the generation moved). An answer is also read again
/// after `maximumAge`, so a change made by another program on the same file is seen within that
/// time. Callers keep only what they found, so asking for what does not exist cannot fill it.
final class RememberedReads<Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var readAt: ContinuousClock.Instant
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    private let maximumAge: Duration
    private let capacity: Int
    private let state = Mutex(State())

    init(maximumAge: Duration = .seconds(30), capacity: Int = 10_000) {
        self.maximumAge = maximumAge
        self.capacity = capacity
    }

    /// The remembered answer for `key`, if it is younger than `maximumAge`.
    func value(for key: String) -> Value? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            guard entry.readAt.duration(to: .now) < maximumAge else {
                state.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Taken before reading the database; `keep` ignores an answer read across a change.
    var generation: UInt64 { state.withLock { $0.generation } }

    func keep(_ value: Value, for key: String, readInGeneration generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, readAt: .now)
        }
    }

    func forgetAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
        }
    }
}
