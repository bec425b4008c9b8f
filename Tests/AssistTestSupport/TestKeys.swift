import Foundation

/// A credentials key file for test servers: 32 random bytes, mode 0600, one per test run.
public enum TestKeys {
    public static let credentialsKeyPath: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("assist-credentials-\(ProcessInfo.processInfo.processIdentifier).key").path
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        return path
    }()

    /// The bytes of that key, for what seals and opens outside a server (the delivery service).
    public static var credentialsKey: [UInt8] {
        Array(FileManager.default.contents(atPath: credentialsKeyPath) ?? Data())
    }
}
