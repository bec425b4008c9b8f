import Foundation

/// Writes an hours export piece by piece: `header`, then `row` for each total, then `footer`.
/// Keeps only the running totals, so memory does not grow with the export.
public struct HoursExportWriter: Sendable {
    public let format: HoursExportFormat
    public let grouping: HoursGrouping
    public let from: LocalDate
    public let to: LocalDate
    private var rows = 0
    private var sessions = 0
    private var rawSeconds: Int64 = 0
    private var billedSeconds: Int64 = 0
    private var amountKopecks: Int64 = 0

    public init(format: HoursExportFormat, grouping: HoursGrouping, from: LocalDate, to: LocalDate) {
        self.format = format
        self.grouping = grouping
        self.from = from
        self.to = to
    }

    public func header() -> String {
        switch format {
        case .json:
            return "{\"from\":\"\(from)\",\"to\":\"\(to)\",\"by\":\"\(grouping.rawValue)\",\"rows\":["
        case .csv:
            return "group,key,label,sessions,first_date,last_date,raw_seconds,billed_seconds,raw_hours,billed_hours,amount_rub\r\n"
        case .excelCSV:
            let group = switch grouping {
            case .customer: "Клиент"
            case .agent: "Сотрудник"
            case .kind: "Вид работ"
            case .ticket: "Обращение"
            }
            return "\u{FEFF}Группировка;Код;\(group);Сеансов;Первая дата;Последняя дата;Секунд факт;Секунд к оплате;Часов факт;Часов к оплате;Сумма, руб.\r\n"
        }
    }

    public mutating func row(_ total: HoursTotal) -> String {
        defer {
            rows += 1
            sessions += total.sessions
            rawSeconds += total.rawSeconds
            billedSeconds += total.billedSeconds
            amountKopecks += total.amountKopecks
        }
        switch format {
        case .json:
            let object: [(String, JSONScalar)] = [
                ("key", .text(total.key)), ("label", .text(total.label)), ("sessions", .number(String(total.sessions))),
                ("firstDate", .text(total.firstDate.description)), ("lastDate", .text(total.lastDate.description)),
                ("rawSeconds", .number(String(total.rawSeconds))), ("billedSeconds", .number(String(total.billedSeconds))),
                ("rawHours", .number(Self.hours(total.rawSeconds, comma: false))),
                ("billedHours", .number(Self.hours(total.billedSeconds, comma: false))),
                ("amountKopecks", .number(String(total.amountKopecks))),
            ]
            return (rows == 0 ? "" : ",") + JSONScalar.object(object)
        case .csv:
            return Self.csvLine([
                grouping.rawValue, total.key, total.label, String(total.sessions), total.firstDate.description, total.lastDate.description,
                String(total.rawSeconds), String(total.billedSeconds), Self.hours(total.rawSeconds, comma: false),
                Self.hours(total.billedSeconds, comma: false), Self.roubles(total.amountKopecks, comma: false),
            ], separator: ",")
        case .excelCSV:
            return Self.csvLine([
                grouping.rawValue, total.key, total.label, String(total.sessions), total.firstDate.russianNotation,
                total.lastDate.russianNotation, String(total.rawSeconds), String(total.billedSeconds),
                Self.hours(total.rawSeconds, comma: true), Self.hours(total.billedSeconds, comma: true),
                Self.roubles(total.amountKopecks, comma: true),
            ], separator: ";")
        }
    }

    /// JSON closes with the totals; CSV has data rows only, so it stays machine-readable.
    public func footer() -> String {
        guard format == .json else { return "" }
        let totals: [(String, JSONScalar)] = [
            ("groups", .number(String(rows))), ("sessions", .number(String(sessions))),
            ("rawSeconds", .number(String(rawSeconds))), ("billedSeconds", .number(String(billedSeconds))),
            ("rawHours", .number(Self.hours(rawSeconds, comma: false))), ("billedHours", .number(Self.hours(billedSeconds, comma: false))),
            ("amountKopecks", .number(String(amountKopecks))),
        ]
        return "],\"totals\":" + JSONScalar.object(totals) + "}"
    }

    /// Hours to four decimals (display only; amounts come from kopecks, never from these).
    static func hours(_ seconds: Int64, comma: Bool) -> String {
        let tenThousandths = (seconds * 10_000 * 2 + 3600) / (3600 * 2)
        return decimal(tenThousandths, places: 4, comma: comma)
    }

    static func roubles(_ kopecks: Int64, comma: Bool) -> String {
        decimal(kopecks, places: 2, comma: comma)
    }

    private static func decimal(_ value: Int64, places: Int, comma: Bool) -> String {
        let scale = Int64(pow(10, Double(places)))
        let padded = String(value.magnitude % UInt64(scale)).leftPadded(to: places)
        return "\(value < 0 ? "-" : "")\(value.magnitude / UInt64(scale))\(comma ? "," : ".")\(padded)"
    }

    /// RFC 4180: a field with the separator, a quote or a line break is quoted, quotes doubled.
    /// A field starting with `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never runs it.
    static func csvLine(_ fields: [String], separator: Character) -> String {
        fields.map { field in
            var text = field
            if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
            guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: String(separator)) + "\r\n"
    }
}
