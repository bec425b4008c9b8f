import Foundation

/// A support request (R-4.2 … ), with its SLA clock.
public struct Ticket: Sendable, Equatable, Codable {
    public let id: Int64
    /// The unique, human-readable identifier, e.g. `TID-2026-000042`; never reused.
    public let tid: String
    public let customerId: Int64
    public let subject: String
    public let description: String
    public let stepsToReproduce: String?
    public let productVersion: String
    /// Set when filed; staff decide it anew (R-2.5.1 / R-2.5.2, `ClassRule`).
    public var problemClass: ProblemClass
    public let senderEmail: String
    public let receivedAt: Date

    public var state: TicketState
    public var stateReason: PostponeReason?
    /// The level and reaction clock now in force (a move to consulting or development restarts it).
    public var slaLevel: SLALevel
    public var clockStartedAt: Date
    public var reactionDeadline: Date
    public var calendarRevision: Int
    public var deadlineExplanation: [String]
    /// The first agent reply since the clock (re)started; nil while the reaction is due.
    public var firstResponseAt: Date?
    /// Whether that reply came by the deadline.
    public var reactionMet: Bool?
    public var rating: Int?
    public var ratingComment: String?
    /// The ticket this one was split off, by TID.
    public let splitFrom: String?
    /// when staff confirmed that an operational ticket is one.
    public var operationalConfirmedAt: Date?
    /// the customer message, after an agent's answer, that awaits its next reaction.
    public var nextReactionSince: Date?
    /// when that next reaction is due (the level's budget from that message).
    public var nextReactionDue: Date?

    public init(
        id: Int64, tid: String, customerId: Int64, subject: String, description: String, stepsToReproduce: String?,
        productVersion: String, problemClass: ProblemClass, senderEmail: String, receivedAt: Date, state: TicketState,
        stateReason: PostponeReason?, slaLevel: SLALevel, clockStartedAt: Date, reactionDeadline: Date, calendarRevision: Int,
        deadlineExplanation: [String], firstResponseAt: Date?, reactionMet: Bool?, rating: Int?, ratingComment: String?,
        splitFrom: String? = nil, operationalConfirmedAt: Date? = nil, nextReactionSince: Date? = nil, nextReactionDue: Date? = nil
    ) {
        self.id = id
        self.tid = tid
        self.customerId = customerId
        self.subject = subject
        self.description = description
        self.stepsToReproduce = stepsToReproduce
        self.productVersion = productVersion
        self.problemClass = problemClass
        self.senderEmail = senderEmail
        self.receivedAt = receivedAt
        self.state = state
        self.stateReason = stateReason
        self.slaLevel = slaLevel
        self.clockStartedAt = clockStartedAt
        self.reactionDeadline = reactionDeadline
        self.calendarRevision = calendarRevision
        self.deadlineExplanation = deadlineExplanation
        self.firstResponseAt = firstResponseAt
        self.reactionMet = reactionMet
        self.rating = rating
        self.ratingComment = ratingComment
        self.splitFrom = splitFrom
        self.operationalConfirmedAt = operationalConfirmedAt
        self.nextReactionSince = nextReactionSince
        self.nextReactionDue = nextReactionDue
    }
}
