import ArgumentParser

/// `assist me`: who the token belongs to.
struct MeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "me", abstract: "Show the user your token belongs to.")
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await APICall.run(connection, .GET, "/v1/me", columns: APICall.userColumns)
    }
}
