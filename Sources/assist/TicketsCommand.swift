import ArgumentParser
import NIOHTTP1

/// `assist tickets …`
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "Tickets: file, list, read, reply, change state or level, rate.",
        subcommands: [Create.self, List.self, Show.self, Reply.self, State.self, Resolve.self, Level.self, Rate.self, Problem.self, Split.self, Reassign.self, Confirm.self, Standard.self, Escalate.self])

    static let columns: [TextTable.Column] = [
        ("TID", "tid"), ("STATE", "state"), ("LEVEL", "slaLevel"), ("CUSTOMER", "customerId"), ("SUBJECT", "subject"),
        ("REACTION DUE", "reactionDeadline"), ("MET", "reactionMet"),
    ]

    /// Shows the ticket part of a `TicketView` answer, or all of it as JSON.
    static func run(_ connection: ConnectionOptions, _ method: HTTPMethod, _ path: String, body: [String: Any?]? = nil) async throws {
        try await APICall.run(connection, method, path, body: body, columns: columns, unwrap: "ticket")
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "File a ticket.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Subject.") var subject: String
        @Option(help: "Description of the problem.") var description: String
        @Option(help: "Steps to reproduce.") var steps: String?
        @Option(help: "Product version (see 'About iStom').") var version: String
        @Option(help: "operational (the product stopped working) or standard.") var problemClass: String = "standard"
        @Option(help: "Staff: the customer id.") var customer: Int64?
        @Option(help: "Staff: the sender's e-mail (required). Customers file from their own address.") var from: String?

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets", body: [
                "subject": subject, "description": description, "stepsToReproduce": steps, "productVersion": version,
                "problemClass": problemClass, "customerId": customer, "senderEmail": from,
            ])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tickets.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this state.") var state: String?
        @Option(help: "Staff: only this customer.") var customer: Int64?

        func run() async throws {
            let query = [state.map { "state=\($0)" }, customer.map { "customerId=\($0)" }].compactMap { $0 }.joined(separator: "&")
            try await APICall.run(connection, .GET, "/v1/tickets" + (query.isEmpty ? "" : "?\(query)"), columns: TicketsCommand.columns)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a ticket and its thread.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID, e.g. TID-2026-000042.") var tid: String

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/tickets/\(tid)", columns: TicketsCommand.columns, unwrap: "ticket")
            if !connection.json {
                try await APICall.run(
                    connection, .GET, "/v1/tickets/\(tid)",
                    columns: [("WHEN", "createdAt"), ("FROM", "author"), ("MESSAGE", "body")], unwrap: "messages")
            }
        }
    }

    struct Reply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a message to the thread.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "The message.") var message: String

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/messages", body: ["body": message])
        }
    }

    struct State: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the state (postponed/refused need --reason, R-4.9).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Argument(help: "in-progress, waiting-for-customer, resolved, closed, postponed or refused.") var state: String
        @Option(help: "R-4.9 reason for postponed or refused.") var reason: String?

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/state", body: ["state": state, "reason": reason])
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a ticket resolved.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/state", body: ["state": "resolved"])
        }
    }

    struct Level: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move to consulting or development (a new reaction clock).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Argument(help: "consulting or development.") var level: String

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/level", body: ["level": level])
        }
    }

    struct Rate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rate the work, 1–5, once it is resolved (R-5).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Argument(help: "1 to 5.") var score: Int
        @Option(help: "A comment.") var comment: String?

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/rating", body: ["score": score, "comment": comment])
        }
    }

    struct Problem: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a further problem (not on a VIP ticket: split it).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "The problem.") var description: String

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/problems", body: ["description": description])
        }
    }

    struct Split: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a new ticket for a further problem, linked to this one (R-2.5.3).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "Subject of the new ticket.") var subject: String
        @Option(help: "The problem.") var description: String
        @Option(help: "operational or standard (default: as the original).") var problemClass: String?

        func run() async throws {
            try await TicketsCommand.run(
                connection, .POST, "/v1/tickets/\(tid)/split", body: ["subject": subject, "description": description, "problemClass": problemClass])
        }
    }

    struct Reassign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make another agent responsible for a VIP ticket (their phone is given to the customer).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "The agent's user id (default: the best other agent on duty).") var agent: Int64?

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/reassign", body: ["agentId": agent])
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Staff: confirm that an operational ticket is an emergency (R-2.5.1, R-2.5.2).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/class", body: ["decision": "confirm"])
        }
    }

    struct Standard: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Staff: move an operational ticket to standard, with a reason; its deadline counts from the same start.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "Why it is not an emergency.") var reason: String

        func run() async throws {
            try await TicketsCommand.run(connection, .POST, "/v1/tickets/\(tid)/class", body: ["decision": "standard", "reason": reason])
        }
    }

    struct Escalate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Customers: write to the head of support about a ticket (R-5).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "TID.") var tid: String
        @Option(help: "What you ask of the head of support.") var message: String

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/tickets/\(tid)/escalation", body: ["message": message], columns: [("HEAD NOTIFIED", "headNotified")])
        }
    }
}
