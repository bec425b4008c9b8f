import ArgumentParser
import AssistDesk
import AssistServer
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `assistd admin set-password`: sets a person's web-console password offline, for the first
/// admin and for recovery. The password is read from standard input (never an argument: those
/// show in `ps` and the shell history); on a terminal it is not echoed.
struct SetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-password",
        abstract: "Set a user's web-console password, read from standard input (one line).",
        discussion: "Every web session of the user ends. Example: assistd admin set-password --email admin@example.ru < password.txt"
    )

    @Option(help: "The database: a SQLite file, or a postgres:// URI.")
    var database: String = "var/assist.sqlite"
    @Option(help: "The user's e-mail address.")
    var email: String

    func run() async throws {
        let store = try await DatabaseFile.open(database)
        let interactive = isatty(STDIN_FILENO) == 1
        if interactive { FileHandle.standardError.write(Data("New password for \(email): ".utf8)) }
        guard let password = Self.readLineWithoutEcho(interactive: interactive) else {
            throw CommandFailure.exit("No password on standard input: type it, or pipe one line into the command.")
        }
        let desk = AssistApplication.offlineDesk(database: store)
        do {
            let user = try await desk.signIn.setPasswordOffline(email: email, password: password)
            print("Password set for '\(user.displayName)' (user \(user.id)); their web sessions have ended.")
        } catch let refusal as DeskError {
            throw CommandFailure.exit(refusal.code == .notFound ? "No user has the e-mail address \(email): check it." : refusal.detail)
        }
    }

    /// One line from standard input; on a terminal, with echo off while it is typed.
    static func readLineWithoutEcho(interactive: Bool) -> String? {
        guard interactive else { return readLine(strippingNewline: true) }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }
}
