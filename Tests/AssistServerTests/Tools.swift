import AssistTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The external clients the tests drive: curl and openssl, as a user would.
enum Tools {
    static let development = TestCertificates.development

    static func curl(_ port: Int, _ path: String, _ extra: [String] = []) async -> ExternalProcess.Result {
        await ExternalProcess.run(
            "curl", ["-v", "-sS", "--max-time", "20", "--cacert", development.caCertificate] + extra + ["https://localhost:\(port)\(path)"],
            timeoutSeconds: 30)
    }

    /// Runs `openssl s_client` with `arguments` against a port and returns its result.
    static func sClient(_ port: Int, _ arguments: [String], input: String = "") async -> ExternalProcess.Result {
        await ExternalProcess.run(
            "openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-CAfile", development.caCertificate] + arguments,
            input: Data(input.utf8), timeoutSeconds: 20)
    }

    /// A port nobody listens on right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static var buildDirectory: URL {
        TestCertificates.repositoryRoot.appendingPathComponent(".build/debug")
    }
}
