import ArgumentParser

/// `assist outbox …`: the notifications and how their delivery by e-mail is going.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Notifications and their delivery: queued, sending, sent, deferred, failed.",
        subcommands: [List.self, Retry.self, Flagged.self, Held.self])

    static let columns: [TextTable.Column] = [
        ("ID", "id"), ("KIND", "kind"), ("TO", "recipient"), ("STATE", "state"), ("TRIES", "attempts"), ("NEXT TRY", "nextAttemptAt"),
        ("RELAY SAID", "lastReply"),
    ]

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every notification with its delivery state.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/notifications", columns: OutboxCommand.columns)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Admins: queue a failed notification again.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Notification id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .POST, "/v1/notifications/\(id)/retry", columns: OutboxCommand.columns)
        }
    }

    struct Flagged: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Addresses mail to which failed for good.")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await APICall.run(
                connection, .GET, "/v1/notifications/flagged-addresses",
                columns: [("ADDRESS", "address"), ("REASON", "reason"), ("SINCE", "flaggedAt")])
        }
    }

    struct Held: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Letters held because their sender passed the daily cap of new tickets by mail (newest first).")
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await APICall.run(
                connection, .GET, "/v1/inbound/held",
                columns: [("ID", "id"), ("FROM", "sender"), ("SUBJECT", "subject"), ("RECEIVED", "receivedAt")])
        }
    }
}
