import Foundation

/// The production calendar's revisions. Revision 1 is the calendar shipped in the binary;
/// every admin edit stores a whole new calendar as the next revision, so a deadline that
/// names its revision can always be explained, and no edit moves it.
public protocol CalendarStore: Sendable {
    /// The latest revision (revision 1, the built-in calendar, until an admin edits it).
    func currentCalendar() async throws -> ProductionCalendar
    /// Stores `calendar`'s years as the next revision and returns it.
    /// Audited in the same transaction with the note `audit` words for the revision number.
    /// `basedOn` is the revision the document was made from: when another was saved since, nothing
    /// is stored and `CalendarStoreError.changedMeanwhile` is thrown (the caller makes its change
    /// on the new one), so two admins editing two years at once both keep their year.
    func saveCalendar(
        _ document: ProductionCalendar.Document, basedOn revision: Int, note: String, by userId: Int64, at instant: Date,
        audit: @escaping @Sendable (Int) -> AuditNote
    ) async throws -> ProductionCalendar
    func calendarRevisions() async throws -> [CalendarRevisionInfo]
}
