import Synchronization

/// The fields a request body type takes, learned once per type from the type itself
/// (`JSONSchemaRecorder`), so no route keeps a list of its own.
enum RequestFields {
    private static let known = Mutex<[ObjectIdentifier: Set<String>]>([:])

    static func of(_ type: any Decodable.Type) -> Set<String> {
        if let fields = known.withLock({ $0[ObjectIdentifier(type)] }) { return fields }
        let fields = Set(JSONSchemaRecorder().keys(of: type))
        known.withLock { $0[ObjectIdentifier(type)] = fields }
        return fields
    }
}
