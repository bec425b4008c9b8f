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
    @Option(help: "SQLite database file (ASSIST_DATABASE; default var/assist.sqlite).") var database: String?
    @Option(name: .customLong("credentials-key"), help: "The server's credentials key file (ASSIST_CREDENTIALS_KEY_FILE).")
    var credentialsKey: String?

    func run() async throws {
        let raw = FileHandle.standardInput.readDataToEndOfFile()
        var logger = Logger(label: "assistd-ingest")
        logger.logLevel = .warning
        var flags = SettingsLoader.Flags()
        flags.configFile = config
        flags.database = database
        flags.credentialsKey = credentialsKey
        let result: MailIngest.Result
        do {
            let settings = try await SettingsLoader(environment: ProcessInfo.processInfo.environment).load(flags: flags)
            let ingest = try AssistApplication.makeIngest(settings: settings, logger: logger)
            result = await ingest.ingest(Array(raw))
        } catch {
            result = MailIngest.Result(exitCode: 75, sentence: "The desk cannot take mail now: \(error)")
        }
        FileHandle.standardError.write(Data(("assistd ingest: " + result.sentence + "\n").utf8))
        throw ExitCode(result.exitCode)
    }
}
