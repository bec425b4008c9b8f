import AssistCore
import Synchronization

/// The production calendar last parsed from the database, kept by revision.
///
/// Every accepted ticket needs the calendar in force; its document is a few years of days
/// in JSON, too much to read and parse per request. Revisions are append-only and never
/// edited, so a parsed revision stays valid: the store only asks which revision is latest
/// (which also sees revisions written by another process) and parses a document once.
final class ParsedCalendarCache: Sendable {
    private let latest = Mutex<ProductionCalendar?>(nil)

    func calendar(revision: Int) -> ProductionCalendar? {
        latest.withLock { cached in cached?.revision == revision ? cached : nil }
    }

    /// Keeps `calendar` unless a newer revision is already kept (a slow parse of an older
    /// revision must not replace it).
    func keep(_ calendar: ProductionCalendar) {
        latest.withLock { cached in
            if (cached?.revision ?? Int.min) < calendar.revision { cached = calendar }
        }
    }
}
