import ArgumentParser

/// `assistd sla …`: SLA arithmetic, offline.
struct SLACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "SLA reaction deadlines on the production calendar.",
        subcommands: [SLADeadlineCommand.self]
    )
}
