import Foundation

/// Prints API answers (an object or an array of objects) as an aligned table, or as JSON.
enum TextTable {
    /// A column: its heading and the JSON key it shows.
    typealias Column = (heading: String, key: String)

    /// `unwrap`: show only this member of the answer (e.g. the `ticket` of a ticket view).
    static func print(_ body: [UInt8], columns: [Column], json: Bool, unwrap: String? = nil) {
        if json {
            Swift.print(String(decoding: body, as: UTF8.self))
            return
        }
        var value = try? JSONDecoder().decode(JSONValue.self, from: Data(body))
        if let unwrap, case .object(let object) = value { value = object[unwrap] }
        let rows: [[String: JSONValue]] = switch value {
        case .array(let items): items.compactMap { if case .object(let row) = $0 { row } else { nil } }
        case .object(let row): [row]
        default: []
        }
        let cells = rows.map { row in columns.map { lookup($0.key, in: row)?.text ?? "—" } }
        let widths = columns.indices.map { index in
            ([columns[index].heading] + cells.map { $0[index] }).map(\.count).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        Swift.print(line(columns.map(\.heading)))
        cells.forEach { Swift.print(line($0)) }
        if rows.isEmpty { Swift.print("(none)") }
    }

    /// A key, or a dotted path into nested objects (`buyer.name`).
    private static func lookup(_ key: String, in row: [String: JSONValue]) -> JSONValue? {
        var object = row
        let parts = key.split(separator: ".").map(String.init)
        for part in parts.dropLast() {
            guard case .object(let inner) = object[part] else { return nil }
            object = inner
        }
        return parts.last.flatMap { object[$0] }
    }
}
