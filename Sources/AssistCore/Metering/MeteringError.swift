/// Why metering was refused.
public enum MeteringError: Error, Sendable, Equatable {
    /// The agent already has a session running (the database allows one per agent).
    case agentHasRunningSession(id: Int64)
    case notFound
    /// No ticket has the TID given.
    case ticketNotFound
    case alreadyStopped
    /// Corrections need a stopped session.
    case stillRunning
    /// Invoiced sessions never change (a credit note frees them first).
    case invoiced(number: String)
}
