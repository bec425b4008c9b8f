import ArgumentParser
import AssistMail
import AssistServer
import Foundation
import Logging

/// `assistd ingest`: one raw letter on standard input, filed by the desk — for an MTA's pipe
/// transport (e.g. Postfix `pipe` with `flags=Rq`).
///
/// Exit 0: taken (filed, a duplicate, an automatic letter, or refused with a polite answer);
/// 75: try again later (the database is busy or the configuration broken — the MTA keeps the
/// letter); 65: refused for good (empty, no sender). One sentence on standard error.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "File one e-mail from standard input (an MTA pipe): exit 0 taken, 75 try later, 65 refused.")

    @Option(help: "JSON configuration file (ASSIST_CONFIG).") var config: String?
    @Option(help: "The database: a SQLite file or a postgres:// URI (ASSIST_DATABASE; default var/assist.sqlite).") var database: String?
    /// Accepted, and unused, for pipe configurations written when ingest asked for the key: filing
    /// a letter never seals or opens credentials, so an MTA's pipe needs no access to the key.
    @Option(name: .customLong("credentials-key"), help: .hidden)
    var credentialsKey: String?

    @Option(help: "File every message file in this folder (sorted by name; e.g. a Maildir's new/) instead of standard input: a backlog import. Files are left in place; filing one twice is a duplicate, not a second message.")
    var directory: String?

    func run() async throws {
        var logger = Logger(label: "assistd-ingest")
        logger.logLevel = .warning
        var flags = SettingsLoader.Flags()
        flags.configFile = config
        flags.database = database
        let result: MailIngest.Result
        do {
            let settings = try await SettingsLoader(environment: ProcessInfo.processInfo.environment).load(flags: flags)
            let ingest = try await AssistApplication.makeIngest(settings: settings, logger: logger)
            if let directory {
                result = await fileAll(in: directory, ingest)
            } else {
                result = await ingest.ingest(Array(FileHandle.standardInput.readDataToEndOfFile()))
            }
        } catch {
            result = MailIngest.Result(exitCode: 75, sentence: "The desk cannot take mail now: \(error)")
        }
        FileHandle.standardError.write(Data(("assistd ingest: " + result.sentence + "\n").utf8))
        throw ExitCode(result.exitCode)
    }

    /// Every file of `directory`, one letter each, in name order; stops at the first the desk
    /// cannot take now (75), so a rerun continues where this one stopped.
    private func fileAll(in directory: String, _ ingest: MailIngest) async -> MailIngest.Result {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return MailIngest.Result(exitCode: 66, sentence: "The folder \(directory) cannot be read.")
        }
        var taken = 0, refused = 0
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let result = await ingest.ingest(Array(data))
            switch result.exitCode {
            case 0: taken += 1
            case 75: return MailIngest.Result(exitCode: 75, sentence: "\(taken) letters taken; stopped at \(name): \(result.sentence)")
            default: refused += 1
            }
        }
        return MailIngest.Result(exitCode: 0, sentence: "\(taken) letters taken, \(refused) refused, from \(directory).")
    }
}
