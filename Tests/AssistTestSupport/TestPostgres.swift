import Foundation
import LibPQ
import NIOPosix

/// The suite's throwaway PostgreSQL, which `Scripts/test` starts (`Scripts/postgres/up.sh`) and
/// names in `ASSIST_TEST_POSTGRES_URI`: TLS with the development CA, a password of the run's own.
/// Each test makes an empty database of its own in it, so no test sees another's rows.
public enum TestPostgres {
    public struct NotStarted: Error, CustomStringConvertible {
        public var description: String {
            "ASSIST_TEST_POSTGRES_URI is not set: run the tests through Scripts/test, which starts a throwaway PostgreSQL (Scripts/postgres/up.sh DIR PORT prints the URI)"
        }
    }

    /// The cluster's maintenance database, as its superuser.
    public static func serverURI() throws -> String {
        guard let uri = ProcessInfo.processInfo.environment["ASSIST_TEST_POSTGRES_URI"], !uri.isEmpty else { throw NotStarted() }
        return uri
    }

    /// A new, empty database: its URI.
    public static func database() async throws -> String {
        let server = try serverURI()
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        // CREATE DATABASE runs outside a transaction and takes no parameters: the name is ours.
        try await blocking { try PostgresConnection(uri: server).execute("CREATE DATABASE \(name)") }
        return server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
    }

    /// Runs libpq's blocking calls on a thread of NIO's pool, never on Swift's cooperative pool:
    /// the suite's in-process servers share that one, and a blocked thread starves them.
    @discardableResult
    public static func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
