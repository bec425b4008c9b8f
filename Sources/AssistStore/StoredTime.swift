import AssistCore
import Foundation
import GRDB

/// How an instant is written into the database: `yyyy-MM-dd HH:mm:ss.SSS` in UTC, the very text
/// GRDB writes for a `Date` (so old and new rows compare and sort alike), without the
/// `DateFormatter` GRDB goes through — ICU's formatting was a few per cent of the server's CPU
/// when tickets arrive. To the nearest millisecond, as the formatter rounds. Records write their
/// dates through it; so do the statements run per request or per letter (a `Date` argument would
/// go through GRDB's formatter).
enum StoredTime {
    static func text(_ instant: Date) -> String {
        let milliseconds = Int64((instant.timeIntervalSince1970 * 1000).rounded())
        let (days, millisecondOfDay) = floorDivision(milliseconds, 86_400_000)
        let date = LocalDate(daysSinceEpoch: Int(days))
        let fields = [
            (date.year, 4), (date.month, 2), (date.day, 2),
            (Int(millisecondOfDay / 3_600_000), 2), (Int(millisecondOfDay / 60_000 % 60), 2),
            (Int(millisecondOfDay / 1000 % 60), 2), (Int(millisecondOfDay % 1000), 3),
        ]
        let separators: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: ".")]
        return String(unsafeUninitializedCapacity: 23) { buffer in
            var end = 0
            for (index, (value, width)) in fields.enumerated() {
                var remaining = value
                for position in stride(from: end + width - 1, through: end, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                }
                end += width
                if index < separators.count {
                    buffer[end] = separators[index]
                    end += 1
                }
            }
            return end
        }
    }

    /// `instant` as a read of its stored text gives it back (to the millisecond, through GRDB's
    /// own reading): what a write returns without reading its row again.
    static func readBack(_ instant: Date) -> Date {
        // Every instant of years 1–9999 writes text GRDB reads; one beyond them (never the
        // server's clock) is answered as it is rather than trapping.
        Date.fromDatabaseValue(text(instant).databaseValue) ?? instant
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }
}
