import ArgumentParser
import AssistClient

/// `assist`: the command-line client for agents, customers, accounting and admins.
@main
struct Assist: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assist",
        abstract: "Talk to an AssistBroker server over HTTPS.",
        discussion: """
            Exit codes: 0 success; 1 the server answered with an error; 3 the server could not be reached; \
            4 TLS failed (certificate not trusted, wrong host name, client certificate refused); 64 usage error.
            """,
        subcommands: [
            HealthCommand.self, MeCommand.self, DutyCommand.self, TicketsCommand.self, QueueCommand.self, CustomersCommand.self,
            ContractsCommand.self, UsersCommand.self, TokensCommand.self, CalendarCommand.self, EntitlementsCommand.self, SessionsCommand.self,
            InvoicesCommand.self, ExportCommand.self, OutboxCommand.self,
        ]
    )
}
