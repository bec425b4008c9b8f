import ArgumentParser

/// `assist queue`: what waits for a first reaction, out-of-turn entries first.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Tickets awaiting a first reaction, or a next one after the customer wrote again (R-2.4).")
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let columns: [TextTable.Column] = [
            ("TID", "tid"), ("LEVEL", "slaLevel"), ("WAITING FOR", "waitingFor"), ("SINCE", "waitingSince"), ("DUE", "dueAt"), ("SUBJECT", "subject"),
        ]
        if !connection.json { print("Out of turn (operational):") }
        try await APICall.run(connection, .GET, "/v1/queue", columns: columns, unwrap: connection.json ? nil : "outOfTurn")
        if !connection.json {
            print("\nIn the order they started waiting:")
            try await APICall.run(connection, .GET, "/v1/queue", columns: columns, unwrap: "inTurn")
        }
    }
}
