import AssistCore
import Foundation

/// Learns the JSON shape of a `Decodable` type by decoding one from nothing: the type's own
/// `init(from:)` names every key and its type, so the OpenAPI document and the request
/// parser's field lists come from the types themselves and cannot drift from them.
///
/// Optional properties (`decodeIfPresent`) are not required; string enums list their cases;
/// dates are RFC 3339 strings (Moscow time on the wire), `LocalDate` a `YYYY-MM-DD` string;
/// arrays and sets of `T` are arrays, `[String: T]` an object with `T` values. Every other
/// struct becomes a named schema in `components` (by its type name) and is referred to.
final class JSONSchemaRecorder {
    /// Named object schemas found so far, by type name.
    private(set) var components: [String: [String: Any]] = [:]

    /// The schema of `type`: a `$ref` for structs, the inline schema for the rest.
    func schema(of type: any Decodable.Type) -> [String: Any] {
        value(of: type).schema
    }

    /// `type` as a request body: its object inline, no other field, no null.
    func strictObject(of type: any Decodable.Type) -> [String: Any] {
        let object = ObjectShape()
        _ = try? decodeObject(type, into: object)
        return [
            "type": "object", "additionalProperties": false,
            "properties": Dictionary(object.properties.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first }),
            "required": object.properties.filter(\.required).map(\.name),
        ]
    }

    /// The keys of `type`'s JSON object, in the order its decoder reads them.
    func keys(of type: any Decodable.Type) -> [String] {
        let object = ObjectShape()
        _ = try? decodeObject(type, into: object)
        return object.properties.map(\.name)
    }

    // MARK: - Shapes

    final class ObjectShape {
        var properties: [(name: String, schema: [String: Any], required: Bool)] = []
    }

    struct Value {
        let instance: Any
        let schema: [String: Any]
    }

    /// A stand-in instance of `type` and its schema.
    func value(of type: any Decodable.Type) -> Value {
        switch type {
        case is String.Type: return Value(instance: "", schema: ["type": "string"])
        case is Bool.Type: return Value(instance: false, schema: ["type": "boolean"])
        case is Int.Type: return Value(instance: 0, schema: ["type": "integer"])
        case is Int64.Type: return Value(instance: Int64(0), schema: ["type": "integer"])
        case is Int32.Type: return Value(instance: Int32(0), schema: ["type": "integer"])
        case is Double.Type: return Value(instance: 0.0, schema: ["type": "number"])
        case is Date.Type: return Value(instance: Date(timeIntervalSince1970: 0), schema: ["type": "string", "format": "date-time"])
        case is LocalDate.Type:
            return Value(instance: LocalDate(year: 2026, month: 1, day: 1), schema: ["type": "string", "format": "date"])
        case let enumeration as any (CaseIterable & RawRepresentable).Type:
            return Self.enumerated(enumeration)
        case let collection as any SchemaCollection.Type:
            return Value(instance: collection.empty, schema: ["type": "array", "items": schema(of: collection.elementType)])
        case let dictionary as any SchemaDictionary.Type:
            return Value(instance: dictionary.empty, schema: ["type": "object", "additionalProperties": schema(of: dictionary.valueType)])
        default:
            // "QueueView.Entry", not "Entry": nested names stay apart; the module is left out.
            let name = String(reflecting: type).split(separator: ".").dropFirst().joined(separator: ".")
            let object = ObjectShape()
            let instance = try? decodeObject(type, into: object)
            if components[name] == nil {
                components[name] = [
                    "type": "object",
                    "properties": Dictionary(
                        object.properties.map { ($0.name, $0.required ? $0.schema : Self.nullable($0.schema)) }, uniquingKeysWith: { first, _ in first }),
                    "required": object.properties.filter(\.required).map(\.name),
                ]
            }
            return Value(instance: instance as Any, schema: ["$ref": "#/components/schemas/\(name)"])
        }
    }

    /// A raw-value enum: the first case stands in; the schema lists every raw value.
    private static func enumerated<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> Value {
        let numeric = E.RawValue.self == Int.self
        let cases: [Any] = type.allCases.map { numeric ? $0.rawValue as Any : "\($0.rawValue)" as Any }
        return Value(instance: type.allCases.first as Any, schema: ["type": numeric ? "integer" : "string", "enum": cases])
    }

    private func decodeObject(_ type: any Decodable.Type, into object: ObjectShape) throws -> Any {
        try type.init(from: RecordingDecoder(recorder: self, object: object))
    }

    /// A schema that also admits null, for optional properties.
    static func nullable(_ schema: [String: Any]) -> [String: Any] {
        ["anyOf": [schema, ["type": "null"]]]
    }

    // MARK: - The decoder

    struct RecordingDecoder: Decoder {
        let recorder: JSONSchemaRecorder
        let object: ObjectShape
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(KeyedRecorder<Key>(recorder: recorder, object: object))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "arrays are recorded by type"))
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "single values are recorded by type"))
        }
    }

    struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let recorder: JSONSchemaRecorder
        let object: ObjectShape
        var codingPath: [any CodingKey] = []
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try record(type, key, required: true)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try record(type, key, required: false)
        }

        // The concrete overloads, each to the generic one (the protocol's defaults would not record).
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try record(type, key, required: true) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try record(type, key, required: true) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try record(type, key, required: true) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try record(type, key, required: true) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try record(type, key, required: true) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try record(type, key, required: true) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try record(type, key, required: false) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try record(type, key, required: false) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try record(type, key, required: false) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try record(type, key, required: false) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try record(type, key, required: false) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try record(type, key, required: false) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "nested containers are not recorded"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "nested containers are not recorded"))
        }

        func superDecoder() throws -> any Decoder {
            RecordingDecoder(recorder: recorder, object: object)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            RecordingDecoder(recorder: recorder, object: ObjectShape())
        }

        private func record<T: Decodable>(_ type: T.Type, _ key: Key, required: Bool) throws -> T {
            let value = recorder.value(of: type)
            object.properties.append((key.stringValue, value.schema, required))
            guard let instance = value.instance as? T else {
                throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [key], debugDescription: "no stand-in for \(type)"))
            }
            return instance
        }
    }
}

/// Arrays and sets: a JSON array of their elements.
protocol SchemaCollection {
    static var elementType: any Decodable.Type { get }
    static var empty: Any { get }
}

extension Array: SchemaCollection where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
    static var empty: Any { [Element]() }
}

extension Set: SchemaCollection where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
    static var empty: Any { Set<Element>() }
}

/// `[String: T]`: a JSON object of `T` values.
protocol SchemaDictionary {
    static var valueType: any Decodable.Type { get }
    static var empty: Any { get }
}

extension Dictionary: SchemaDictionary where Key == String, Value: Decodable {
    static var valueType: any Decodable.Type { Value.self }
    static var empty: Any { [String: Value]() }
}
