import ArgumentParser

/// `assist users …` (admins).
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Users and their roles (admins).",
        subcommands: [Create.self, List.self, Show.self, Update.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Display name.") var name: String
        @Option(help: "admin, agent, accounting or customer.") var role: String
        @Option(help: "E-mail address.") var email: String?
        @Option(help: "Customer id (customer users only).") var customer: Int64?
        @Option(help: "Phone (agents: given to VIP customers).") var phone: String?

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/users",
                body: ["displayName": name, "role": role, "email": email, "customerId": customer, "phone": phone],
                columns: APICall.userColumns)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/users", columns: APICall.userColumns)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one user.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "User id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/users/\(id)", columns: APICall.userColumns)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a user's name, phone, duty or disabled state.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "User id.") var id: Int64
        @Option(help: "Display name.") var name: String?
        @Option(help: "Phone.") var phone: String?
        @Option(help: "true or false.") var onDuty: Bool?
        @Option(help: "true or false: a disabled user's tokens stop working.") var disabled: Bool?

        func run() async throws {
            try await APICall.run(
                connection, .PATCH, "/v1/users/\(id)",
                body: ["displayName": name, "phone": phone, "onDuty": onDuty, "disabled": disabled], columns: APICall.userColumns)
        }
    }
}
