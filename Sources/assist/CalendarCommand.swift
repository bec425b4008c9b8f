import ArgumentParser
import Foundation

/// `assist calendar …`: the production calendar and its revisions.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The production calendar (R-2.2).", subcommands: [Show.self, Revisions.self, SetYear.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The calendar in force (JSON).")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            var options = connection
            options.json = true
            try await APICall.run(options, .GET, "/v1/calendar", columns: [])
        }
    }

    struct Revisions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every revision (admins).")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await APICall.run(
                connection, .GET, "/v1/calendar/revisions",
                columns: [("REVISION", "revision"), ("YEARS", "years"), ("NOTE", "note"), ("BY", "createdByUserId"), ("AT", "createdAt")])
        }
    }

    struct SetYear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-year", abstract: "Add or correct a year from a JSON file {\"holidays\":[…],\"workdays\":[…],\"shortened\":[…]} (admins).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The year, e.g. 2028.") var year: Int
        @Option(help: "JSON file with holidays, workdays and shortened dates.") var file: String
        @Option(help: "What the change is, e.g. the decree.") var note: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file),
                  let year = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { throw ValidationError("\(file) is not a readable JSON object: give a file like {\"holidays\":[\"2028-01-03\"],\"workdays\":[],\"shortened\":[]}.") }
            var body: [String: Any?] = year.mapValues { $0 }
            body["note"] = note
            try await APICall.run(connection, .PUT, "/v1/calendar/years/\(self.year)", body: body, columns: [("REVISION", "revision")])
        }
    }
}
