import ArgumentParser

/// `assistd admin …`: offline administration, straight on the database file.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Offline administration on the database file.",
        subcommands: [BootstrapCommand.self, SetPasswordCommand.self]
    )
}
