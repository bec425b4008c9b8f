import Foundation

/// The development certificates, and a second, foreign PKI that nobody trusts.
///
/// Both are made by `Scripts/gen-certs`, the script developers use, so tests exercise the
/// same files a developer's server serves.
public enum TestCertificates {
    public static let repositoryRoot: URL = {
        // …/Tests/AssistTestSupport/TestCertificates.swift → repository root
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// `Certs/dev`, generated first if a developer never ran the script.
    public static let development: Set = {
        let directory = repositoryRoot.appendingPathComponent("Certs/dev")
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("server.pem").path) {
            generate(into: directory)
        }
        return Set(directory: directory)
    }()

    /// A complete other PKI (its own CA, server and client certificates), made once per test run.
    public static let foreign: Set = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("assist-foreign-pki-\(ProcessInfo.processInfo.processIdentifier)")
        generate(into: directory)
        return Set(directory: directory)
    }()

    public struct Set: Sendable {
        public let directory: URL

        public var caCertificate: String { path("ca.pem") }
        public var serverChain: String { path("server.pem") }
        public var serverKey: String { path("server.key") }
        public var agentCertificate: String { path("client-agent.pem") }
        public var agentKey: String { path("client-agent.key") }
        public var customerCertificate: String { path("client-customer.pem") }
        public var customerKey: String { path("client-customer.key") }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    }

    private static func generate(into directory: URL) {
        let script = repositoryRoot.appendingPathComponent("Scripts/gen-certs").path
        let result = ExternalProcess.runBlocking(script, [directory.path], timeoutSeconds: 60)
        precondition(result.exitCode == 0, "Scripts/gen-certs failed: \(result.standardError)")
    }
}
