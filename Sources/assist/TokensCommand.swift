import ArgumentParser

/// `assist tokens …`: bearer tokens (admins issue them; anyone may revoke their own).
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Bearer tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token for a user; it is shown once.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "User id.") var user: Int64
        @Option(help: "What the token is for, e.g. 'laptop'.") var label: String?
        @Option(help: "Days until it expires (1–3650, default 90).") var days: Int?

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/users/\(user)/tokens", body: ["label": label, "expiresInDays": days],
                columns: [("ID", "id"), ("USER", "userId"), ("LABEL", "label"), ("EXPIRES", "expiresAt"), ("TOKEN (shown once)", "token")])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's tokens (never the tokens themselves).")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "User id.") var user: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/users/\(user)/tokens", columns: APICall.tokenColumns)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Token id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .DELETE, "/v1/tokens/\(id)", columns: APICall.tokenColumns)
        }
    }
}
