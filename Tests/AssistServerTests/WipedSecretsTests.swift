import AssistClient
import AssistTestSupport
import Foundation
import GRDB
import Testing

/// R-1.4: a remote session's sealed credentials, once wiped, leave no copy on disk — not in the
/// database file's free pages (secure_delete) and not in the write-ahead log, which keeps every
/// page as written until a checkpoint: a `kill -9` right after the wipe finds nothing.
@Suite("Wiped credentials leave no copy on disk")
struct WipedSecretsTests {
    @Test("R-1.4 a remote session ended, then assistd killed at once (kill -9): the sealed credentials are in no file of the database — not the WAL, not a free page")
    func endedSessionLeavesNoCopy() async throws {
        let server = try await StartedServer.start()
        defer { server.killIfRunning() }
        func object(_ bytes: [UInt8]) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        }
        let customer = try object(try await server.admin.request(.POST, "/v1/customers", json: #"{"name":"ООО Ромашка"}"#))
        let agent = try object(try await server.admin.request(
            .POST, "/v1/users", json: #"{"displayName":"Агент","email":"agent@desk.test","role":"agent"}"#))
        let issued = try object(try await server.admin.request(.POST, "/v1/users/\(try #require(agent["id"] as? Int))/tokens", json: "{}"))
        let agentAPI = APIClient(
            http: try HTTPSClient(server: "https://localhost:\(server.port)", trustRootsFile: Tools.development.caCertificate),
            token: try #require(issued["token"] as? String))
        let filed = try object(try await agentAPI.request(.POST, "/v1/tickets", json: """
            {"customerId":\(try #require(customer["id"] as? Int)),"senderEmail":"boss@romashka.test","subject":"Не запускается","description":"Ошибка 500","productVersion":"5.2","problemClass":"standard"}
            """))
        let tid = try #require((filed["ticket"] as? [String: Any])?["tid"] as? String)
        let session = try object(try await agentAPI.request(
            .POST, "/v1/tickets/\(tid)/sessions", json: #"{"tool":"teamviewer","customerRemoteId":"123 456 789"}"#))
        let id = try #require((session["session"] as? [String: Any])?["id"] as? Int)

        // The sealed box as stored (read through SQLite, which sees the WAL), then the session ends.
        var readOnly = Configuration()
        readOnly.readonly = true
        let reader = try DatabaseQueue(path: server.database, configuration: readOnly)
        let sealed = try await reader.read { db in
            try Data.fetchOne(db, sql: "SELECT credentials FROM remoteSession WHERE id = ?", arguments: [id])
        }
        try reader.close()
        let box = try #require(sealed.map(Array.init))
        #expect(box.count > 40)
        _ = try await agentAPI.request(.POST, "/v1/sessions/\(id)/end")
        server.kill9()

        // Any 24 bytes from the middle of the box would be a copy (random ciphertext: no false match).
        let needle = Array(box[12..<36])
        for suffix in ["", "-wal", "-shm"] {
            guard let file = FileManager.default.contents(atPath: server.database + suffix) else { continue }
            let copied = Array(file).containsRun(needle)
            #expect(!copied, "a copy of the wiped credentials in \(suffix.isEmpty ? "the database" : suffix)")
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes, as one run.
    fileprivate func containsRun(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
