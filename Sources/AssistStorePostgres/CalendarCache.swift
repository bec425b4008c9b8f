import AssistCore
import Synchronization

/// A node's parsed copy of the calendar in force: parsing it for every ticket would cost more
/// than reading its revision number, which is checked on every read (another node may save one).
final class CalendarCache: Sendable {
    private let calendar: Mutex<ProductionCalendar?>

    init(_ calendar: ProductionCalendar?) { self.calendar = Mutex(calendar) }

    var value: ProductionCalendar? {
        get { calendar.withLock { $0 } }
    }

    func keep(_ calendar: ProductionCalendar) { self.calendar.withLock { $0 = calendar } }
}
