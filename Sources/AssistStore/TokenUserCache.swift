import AssistCore
import Foundation
import GRDB
import Synchronization

/// Who an API token belongs to, remembered between requests so that a request does not need
/// a trip to the database only to learn who sent it.
///
/// Never stale in this process: `AccountChangeObserver` empties it in the commit of any write
/// that touches people or tokens (a revoked token, a disabled person, a changed role), before
/// that write is acknowledged; a lookup that started before such a commit does not keep its
/// answer (the generation moved). Each entry also keeps its token's expiry and is re-read
/// after `maximumAge`, so even a change made by another process on the same file takes effect
/// within that time. Unknown tokens are not remembered: guessing cannot fill it.
final class TokenUserCache: Sendable {
    struct Entry: Sendable {
        var user: UserAccount
        var tokenExpiresAt: Date
        var readAt: ContinuousClock.Instant
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    static let maximumAge: Duration = .seconds(30)
    static let capacity = 10_000
    private let state = Mutex(State())

    /// The user of the token with this hash, if remembered, fresh and the token still valid at `instant`.
    func user(forTokenHash hash: String, at instant: Date) -> UserAccount? {
        state.withLock { state in
            guard let entry = state.entries[hash] else { return nil }
            guard entry.tokenExpiresAt > instant, entry.readAt.duration(to: .now) < Self.maximumAge else {
                state.entries[hash] = nil
                return nil
            }
            return entry.user
        }
    }

    /// Taken before reading the database; `keep` ignores an answer read across a change.
    var generation: UInt64 { state.withLock { $0.generation } }

    func keep(_ entry: Entry, forTokenHash hash: String, readInGeneration generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = entry
        }
    }

    func forgetAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
        }
    }
}
