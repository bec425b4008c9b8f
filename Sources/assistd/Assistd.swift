import ArgumentParser
import AssistCore

/// `assistd`: the AssistBroker server and its offline admin commands.
@main
struct Assistd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assistd",
        abstract: "The AssistBroker support-desk server.",
        version: ProductVersion.current,
        subcommands: [ServeCommand.self, IngestCommand.self, BenchFloorCommand.self, MigrateCommand.self, MigrateDatabaseCommand.self, AdminCommand.self, AuditCommand.self, SLACommand.self, BillingCommand.self, OpenAPICommand.self]
    )
}
