import ArgumentParser
import AssistCore
import AssistDesk
import AssistServer
import AssistStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `assistd admin bootstrap`: create the first admin and print (or file) its token once.
struct BootstrapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap",
        abstract: "Create the first admin and issue its token (only while no admin exists).",
        discussion: "The token is shown once: on standard output, or written to --token-file, readable only by its owner."
    )

    @Option(help: "The database: a SQLite file, or a postgres:// URI.")
    var database: String = "var/assist.sqlite"
    @Option(help: "The admin's display name.")
    var name: String = "Administrator"
    @Option(help: "The admin's e-mail address.")
    var email: String?
    @Option(help: "Write the token to this file (mode 0600) instead of printing it.")
    var tokenFile: String?
    @Option(help: "Days until the token expires.")
    var days: Int = 30

    func validate() throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days must be from 1 to 3650.") }
        if let email, EmailAddress.normalized(email) == nil {
            throw ValidationError("'\(email)' is not an e-mail address: give one like admin@example.ru.")
        }
    }

    func run() async throws {
        let store = try await DatabaseFile.stores(database)
        guard try await !store.accounts.hasAdmin() else {
            throw CommandFailure.exit(
                "An admin already exists in \(database): issue further tokens with an admin's token (POST /v1/users/{id}/tokens).")
        }
        let now = SystemClock().now
        let admin = try await store.accounts.createUser(
            NewUser(displayName: name, email: email.flatMap(EmailAddress.normalized), role: .admin, customerId: nil, phone: nil), at: now,
            audit: { AccessAudit.userCreated($0, by: nil) })
        let issued = try TokenIssuer(secrets: OpenSSLSecrets()).issue()
        _ = try await store.accounts.addToken(
            userId: admin.id, tokenHash: issued.hash, label: "bootstrap", createdAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(days) * 86_400), audit: { AccessAudit.tokenIssued($0, by: nil) })
        if let tokenFile {
            try Self.writeOwnerOnly(issued.secret + "\n", to: tokenFile)
            print("Admin '\(admin.displayName)' (user \(admin.id)) created; its token is in \(tokenFile), readable only by you.")
        } else {
            print(issued.secret)
            FileHandle.standardError.write(Data("Admin '\(admin.displayName)' (user \(admin.id)) created. This token is shown once: keep it safe.\n".utf8))
        }
    }

    /// Creates the file with mode 0600 before anything is written, so the token is never readable by others.
    static func writeOwnerOnly(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure.exit("Cannot write \(path): \(String(cString: strerror(errno))). Choose a writable path.")
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o600)
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else {
            throw CommandFailure.exit("Cannot write \(path): \(String(cString: strerror(errno))). Check the disk and try again.")
        }
    }
}
