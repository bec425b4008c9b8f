import ArgumentParser

/// `assist entitlements …`: the one-time phone install.
struct EntitlementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entitlements", abstract: "Support entitlements (the one-time phone install).",
        subcommands: [Show.self, Use.self, Restore.self])

    static let columns: [TextTable.Column] = [
        ("CUSTOMER", "customerId"), ("AVAILABLE", "available"), ("USED ON", "usedOnTicket"), ("USED AT", "usedAt"),
        ("RESTORED", "restorations"),
    ]

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a customer's entitlements.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Customer id.") var customer: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/customers/\(customer)/entitlements", columns: EntitlementsCommand.columns, unwrap: "phoneInstall")
        }
    }

    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agents: record the one-time phone install on a ticket.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String

        func run() async throws {
            try await APICall.run(connection, .POST, "/v1/tickets/\(tid)/phone-install", columns: EntitlementsCommand.columns, unwrap: "phoneInstall")
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Admins: give the phone install back, with a reason.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Customer id.") var customer: Int64
        @Option(help: "Why it is given back (kept in the audit log).") var reason: String

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/customers/\(customer)/entitlements/phone-install/restore", body: ["reason": reason],
                columns: EntitlementsCommand.columns, unwrap: "phoneInstall")
        }
    }
}
