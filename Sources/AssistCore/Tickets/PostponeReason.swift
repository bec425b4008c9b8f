/// why a ticket may be postponed or refused.
public enum PostponeReason: String, Sendable, Codable, CaseIterable {
    /// Cannot reproduce on a similar configuration and no access to the customer's project.
    case cannotReproduce = "cannot-reproduce"
    /// The user cannot provide enough information.
    case insufficientInformation = "insufficient-information"
    /// Needs detailed diagnostics, development or an update.
    case needsDevelopment = "needs-development"
    /// Technical requirements violated: modified core, too many installations…
    case requirementsViolated = "requirements-violated"
    /// An unlicensed copy is used.
    case unlicensedCopy = "unlicensed-copy"
    /// Out of the scope of technical support.
    case outOfScope = "out-of-scope"
    /// Incorrect question or unconstructive discussion, information not given in time.
    case unconstructive
}
