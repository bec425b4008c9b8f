import Foundation

/// The audit log's chain, for every engine: how the next entry is made from the head of the
/// chain, and how a walk over the stored entries finds the first one that was changed, removed or
/// reordered. The digest (SHA-256 over the canonical text) is given by the caller: Core does no I/O
/// and links no crypto.
public enum AuditChain {
    /// The entry that follows `head` (the last entry's id and hash; nil for an empty log): texts
    /// made storable, the instant kept to the millisecond, hashed over its canonical text.
    public static func next(
        after head: (id: Int64, hash: String)?, action: String, subject: String, detail: String, actor: Int64?, at instant: Date,
        digest: (String) -> String
    ) -> AuditEntry {
        let action = AuditEntry.storable(action), subject = AuditEntry.storable(subject), detail = AuditEntry.storable(detail)
        let id = (head?.id ?? 0) + 1
        let previous = head?.hash ?? AuditEntry.genesisHash
        let at = Date(timeIntervalSince1970: (instant.timeIntervalSince1970 * 1000).rounded() / 1000)
        let hash = digest(AuditEntry.canonical(
            id: id, at: at, actorUserId: actor, action: action, subject: subject, detail: detail, previousHash: previous))
        return AuditEntry(id: id, at: at, actorUserId: actor, action: action, subject: subject, detail: detail, previousHash: previous, hash: hash)
    }

    /// A walk over the stored entries in id order, fed one at a time (so a store can stream them).
    public struct Walk {
        private let digest: (String) -> String
        private var expectedPrevious = AuditEntry.genesisHash
        private var expectedId: Int64 = 1
        private var count = 0
        private var first: (entry: Int64, reason: String)?
        private var laterBreaks: [Int64] = []

        public init(digest: @escaping (String) -> String) {
            self.digest = digest
        }

        public mutating func check(_ entry: AuditEntry) {
            if let reason = breakReason(entry) {
                if first == nil { first = (entry.id, reason) } else { laterBreaks.append(entry.id) }
            }
            // Go on from this entry as stored, so each later break is reported where it is.
            expectedPrevious = entry.hash
            expectedId = entry.id + 1
            count += 1
        }

        public var verdict: AuditVerification {
            guard let first else { return .intact(entries: count) }
            return .broken(atEntry: first.entry, reason: first.reason, laterBreaks: laterBreaks)
        }

        /// Why `entry` does not belong where it is in the chain, or nil when it does.
        private func breakReason(_ entry: AuditEntry) -> String? {
            if entry.id != expectedId {
                return "entries \(expectedId)…\(entry.id - 1) before it were removed"
            }
            if entry.previousHash != expectedPrevious {
                return "it does not follow the entry before it (an entry was removed, replaced or reordered)"
            }
            let recomputed = digest(AuditEntry.canonical(
                id: entry.id, at: entry.at, actorUserId: entry.actorUserId, action: entry.action, subject: entry.subject,
                detail: entry.detail, previousHash: entry.previousHash))
            return recomputed == entry.hash ? nil : "its content was changed after it was written"
        }
    }
}
