import AssistCore
import Foundation

/// Checks a JSON value against a JSON Schema of the OpenAPI document: the keywords the
/// document uses (`type`, `properties`, `required`, `items`, `additionalProperties`, `enum`,
/// `anyOf`, `format` date and date-time, `$ref` into its components). Returns what is wrong.
struct SchemaValidator {
    let components: [String: Any]

    func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let reference = schema["$ref"] as? String {
            let name = String(reference.dropFirst("#/components/schemas/".count))
            guard let target = components[name] as? [String: Any] else { return ["\(path): unknown schema \(reference)"] }
            return problems(value, target, at: path)
        }
        if let options = schema["anyOf"] as? [[String: Any]] {
            return options.contains { problems(value, $0, at: path).isEmpty } ? [] : ["\(path): matches none of anyOf (\(Self.kind(of: value)))"]
        }
        var found: [String] = []
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            found.append("\(path): \(value) is not one of \(allowed)")
        }
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        let kind = Self.kind(of: value)
        if !types.isEmpty, !types.contains(kind), !(kind == "integer" && types.contains("number")) {
            return found + ["\(path): is \(kind), documented \(types.joined(separator: " or "))"]
        }
        switch (schema["format"] as? String, value) {
        case ("date-time", let text as String) where RFC3339.parse(text) == nil:
            found.append("\(path): '\(text)' is not an RFC 3339 time")
        case ("date", let text as String) where LocalDate(text) == nil:
            found.append("\(path): '\(text)' is not a YYYY-MM-DD date")
        default:
            break
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path).\(name): required but missing")
            }
            for (name, element) in object {
                if let property = properties[name] as? [String: Any] {
                    found += problems(element, property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(element, additional, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false || !properties.isEmpty {
                    found.append("\(path).\(name): not documented")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { found += problems(element, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    /// The JSON type of a value from `JSONSerialization` (booleans and numbers are both NSNumber).
    static func kind(of value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c": return "boolean"
            case "d", "f": return number.doubleValue.rounded() == number.doubleValue ? "integer" : "number"
            default: return "integer"
            }
        default: return "unknown"
        }
    }
}
