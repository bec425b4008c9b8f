import ArgumentParser

/// `assist sessions …`: remote-access sessions.
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "Remote-access sessions (TeamViewer, AmmyAdmin).",
        subcommands: [
            Open.self, List.self, Show.self, Credentials.self, Join.self, Password.self, NewPIN.self, End.self, Cancel.self, Start.self, Stop.self, Correct.self, Metered.self,
        ])

    static let columns: [TextTable.Column] = [
        ("ID", "id"), ("TID", "tid"), ("TOOL", "tool"), ("CUSTOMER ID", "customerRemoteId"), ("AGENT", "agentName"),
        ("STATE", "state"), ("JOIN BY", "joinExpiresAt"),
    ]
    static let credentialColumns: [TextTable.Column] = [("SESSION CODE", "sessionCode"), ("PIN", "pin"), ("PASSWORD", "passedPassword")]

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agents: open a session on a ticket; prints its credentials once.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "teamviewer or ammyadmin.") var tool: String
        @Option(help: "The customer's remote-access ID.") var customerId: String
        @Option(help: "Your own remote-access ID.") var agentId: String?

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/tickets/\(tid)/sessions", body: ["tool": tool, "customerRemoteId": customerId, "agentRemoteId": agentId],
                columns: SessionsCommand.credentialColumns, unwrap: "credentials")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A ticket's sessions (no credentials).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/tickets/\(tid)/sessions", columns: SessionsCommand.columns)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One session (no credentials).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Session id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/sessions/\(id)", columns: SessionsCommand.columns)
        }
    }

    struct Credentials: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The session code, PIN and passed password (recorded in the audit log).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Session id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/sessions/\(id)/credentials", columns: SessionsCommand.credentialColumns, unwrap: "credentials")
        }
    }

    struct Join: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Customers: join with the one-time PIN (read from standard input, not the command line).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Session id.") var id: Int64

        func run() async throws {
            let pin = readLine(strippingNewline: true) ?? ""
            try await APICall.run(connection, .POST, "/v1/sessions/\(id)/join", body: ["pin": pin], columns: SessionsCommand.columns)
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Customers: pass the one-time password TeamViewer or AmmyAdmin shows (read from standard input).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Session id.") var id: Int64

        func run() async throws {
            let password = readLine(strippingNewline: true) ?? ""
            try await APICall.run(connection, .POST, "/v1/sessions/\(id)/password", body: ["password": password], columns: SessionsCommand.columns)
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a session; its credentials are wiped.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Session id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .POST, "/v1/sessions/\(id)/end", columns: SessionsCommand.columns)
        }
    }

    struct NewPIN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pin", abstract: "Agents: a new one-time PIN for a session nobody joined (after 5 wrong PINs locked it); prints it once.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Session id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .POST, "/v1/sessions/\(id)/pin", columns: SessionsCommand.credentialColumns, unwrap: "credentials")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agents: cancel a session nobody joined.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Session id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .POST, "/v1/sessions/\(id)/cancel", columns: SessionsCommand.columns)
        }
    }

    static let meteredColumns: [TextTable.Column] = [
        ("ID", "id"), ("TID", "tid"), ("KIND", "kind"), ("CHANNEL", "channel"), ("STARTED", "startedAt"), ("STOPPED", "stoppedAt"),
        ("BILLED S", "billedSeconds"), ("KOPECKS", "amountKopecks"), ("REVIEW", "flaggedForReview"),
        ("INVOICE", "invoiceNumber"),
    ]

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agents: start billed help on a ticket (R-3.2).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "install, update or update-repair.") var kind: String
        @Option(help: "remote (needs a joined remote session) or phone-install (the free one-time install).") var channel: String = "remote"

        func run() async throws {
            try await APICall.run(connection, .POST, "/v1/tickets/\(tid)/metered", body: ["kind": kind, "channel": channel], columns: SessionsCommand.meteredColumns)
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agents: stop billed help; it is priced at once.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Metered session id.") var id: Int64

        func run() async throws {
            try await APICall.run(connection, .POST, "/v1/metered/\(id)/stop", columns: SessionsCommand.meteredColumns)
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Agents: correct a stopped, not yet invoiced metered session's duration or kind, with a reason (audited).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Metered session id.") var id: Int64
        @Option(help: "The right raw duration in seconds.") var seconds: Int?
        @Option(help: "The right kind: install, update or update-repair.") var kind: String?
        @Option(help: "Why (kept in the audit log).") var reason: String

        func validate() throws {
            guard seconds != nil || kind != nil else { throw ValidationError("Give --seconds, --kind or both: say what the correction changes.") }
        }

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/metered/\(id)/correction", body: ["rawSeconds": seconds, "kind": kind, "reason": reason],
                columns: SessionsCommand.meteredColumns)
        }
    }

    struct Metered: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Billed help sessions (agents: their own).")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this ticket.") var ticket: String?

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/metered" + (ticket.map { "?ticket=\($0)" } ?? ""), columns: SessionsCommand.meteredColumns)
        }
    }
}
