import ArgumentParser

/// `assist customers …`
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "Customers (admins create them).",
        subcommands: [Create.self, List.self, Show.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a customer.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Name, e.g. ООО «Ромашка».") var name: String
        @Option(help: "INN (10 or 12 digits, checksum verified).") var inn: String?
        @Option(help: "KPP (9 characters).") var kpp: String?

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/customers", body: ["name": name, "inn": inn, "kpp": kpp], columns: APICall.customerColumns)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the customers you may see.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/customers", columns: APICall.customerColumns)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one customer.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Customer id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/customers/\(id)", columns: APICall.customerColumns)
        }
    }
}
