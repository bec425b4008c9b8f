/// Any JSON value, decoded strictly: `1` stays a number and `true` a boolean (Foundation's
/// JSONSerialization on Linux cannot tell them apart).
enum JSONValue: Decodable {
    case string(String)
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// How a table cell shows it.
    var text: String {
        switch self {
        case .string(let value): value
        case .bool(let value): value ? "yes" : "no"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .null: "—"
        case .array(let values): values.map(\.text).joined(separator: ", ")
        case .object: "{…}"
        }
    }
}
