import ArgumentParser

/// `assist duty on|off`: an agent comes on or goes off duty (VIP tickets go to agents on duty).
struct DutyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "duty", abstract: "Agents: come on duty or go off duty.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "on or off") var state: String

    func validate() throws {
        guard ["on", "off"].contains(state) else { throw ValidationError("Say 'on' or 'off'.") }
    }

    func run() async throws {
        try await APICall.run(connection, .PATCH, "/v1/me", body: ["onDuty": state == "on"], columns: APICall.userColumns)
    }
}
