import AssistClient
import AssistServer
import AssistTestSupport
import Foundation
import Testing

@Suite("Mutual TLS, required")
struct MutualTLSTests {
    /// A fresh database each time: two servers never share one.
    static var requiredSettings: ServerSettings {
        LiveServer.settings {
            $0.clientAuthentication = .required
            $0.tlsClientCAPath = TestCertificates.development.caCertificate
        }
    }

    @Test("a client without a certificate is refused")
    func noCertificateRefused() async throws {
        try await LiveServer.with(Self.requiredSettings) { port, _ in
            let result = await Tools.curl(port, "/healthz")
            #expect(result.exitCode != 0)
            #expect(!result.standardOutput.contains("status"))
        }
    }

    @Test("a certificate from another CA is refused")
    func foreignCertificateRefused() async throws {
        let foreign = TestCertificates.foreign
        try await LiveServer.with(Self.requiredSettings) { port, _ in
            let result = await Tools.curl(port, "/healthz", ["--cert", foreign.agentCertificate, "--key", foreign.agentKey])
            #expect(result.exitCode != 0)
            #expect(!result.standardOutput.contains("status"))
        }
    }

    @Test("a good certificate gets through, and its verified subject reaches the handler")
    func goodCertificateSubjectReachesHandler() async throws {
        let development = TestCertificates.development
        try await LiveServer.with(Self.requiredSettings) { port, _ in
            let result = await Tools.curl(port, "/v1/connection", ["--cert", development.agentCertificate, "--key", development.agentKey])
            #expect(result.exitCode == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains(#""clientCertificateSubject":"CN=agent-1,O=iStom""#))

            let client = try HTTPSClient(
                server: "https://localhost:\(port)", trustRootsFile: development.caCertificate,
                certificateChainFile: development.customerCertificate, privateKeyFile: development.customerKey)
            let response = try await client.send(path: "/v1/connection")
            #expect(response.bodyText.contains(#""clientCertificateSubject":"CN=customer-1,O=Customer LLC""#))
        }
    }
}
