import AssistDesk
import OpenSSLCrypto

/// The desk's `SecretSealer`: AES-256-GCM under the credentials key (`credentials.keyFile`),
/// as remote-session credentials are sealed.
public struct OpenSSLSealer: SecretSealer {
    let key: [UInt8]?

    /// - Parameter key: 32 bytes, never logged; nil in a process that holds none (it seals nothing).
    public init(key: [UInt8]?) {
        self.key = key
    }

    public func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8] {
        guard let key else { throw AESGCM.Failure.badKey }
        return try AESGCM.seal(plaintext, key: key, associatedData: Array(context.utf8))
    }

    public func open(_ sealed: [UInt8], context: String) -> [UInt8]? {
        key.flatMap { try? AESGCM.open(sealed, key: $0, associatedData: Array(context.utf8)) }
    }
}
