/// What kind of problem a ticket reports.
public enum ProblemClass: String, Sendable, Codable, CaseIterable {
    /// The product stopped working, not by the customer's fault; a confirmed critical bug.
    case operational
    /// Problems in use; general installation and configuration questions.
    case standard
}
