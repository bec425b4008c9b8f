import ArgumentParser

/// `assist export …`: accounting exports.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Accounting exports.", subcommands: [Hours.self])

    struct Hours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Metered hour totals for a period: raw and billed hours and amounts, by customer, agent, kind or ticket.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "First day, YYYY-MM-DD (Moscow).") var from: String
        @Option(help: "Last day, YYYY-MM-DD (Moscow).") var to: String
        @Option(help: "customer, agent, kind or ticket.") var by: String = "customer"
        @Option(help: "json, csv (RFC 4180) or excel-csv (Excel in a Russian locale).") var format: String = "csv"
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await APICall.download(connection, "/v1/exports/hours?from=\(from)&to=\(to)&by=\(by)&format=\(format)", to: output)
        }
    }
}
