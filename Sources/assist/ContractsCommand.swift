import ArgumentParser

/// `assist contracts …`
struct ContractsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts", abstract: "Support contracts (R-2.6).", subcommands: [Create.self, List.self, Tier.self])

    static let columns: [TextTable.Column] = [
        ("ID", "id"), ("TIER", "tier"), ("TERM", "term"), ("FROM", "startsOn"), ("TO", "endsOn"), ("PRICE, KOPECKS", "priceKopecks"),
    ]

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a contract, priced from the tariffs.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Customer id.") var customer: Int64
        @Option(help: "free, noncommercial, commercial or vip.") var tier: String
        @Option(help: "year, month or unlimited (default: the tier's usual term).") var term: String?
        @Option(help: "First day, YYYY-MM-DD (default today, Moscow).") var from: String?

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/customers/\(customer)/contracts", body: ["tier": tier, "term": term, "startsOn": from],
                columns: ContractsCommand.columns)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A customer's contracts.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Customer id.") var customer: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/customers/\(customer)/contracts", columns: ContractsCommand.columns)
        }
    }

    struct Tier: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The tier in force now.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Customer id.") var customer: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/customers/\(customer)/tier", columns: [("CUSTOMER", "customerId"), ("AT", "at"), ("TIER", "tier")])
        }
    }
}
