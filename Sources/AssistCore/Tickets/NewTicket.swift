import Foundation

/// A ticket about to be accepted: validated, its level and deadline already computed.
public struct NewTicket: Sendable, Equatable {
    public let customerId: Int64
    public let subject: String
    public let description: String
    public let stepsToReproduce: String?
    public let productVersion: String
    public let problemClass: ProblemClass
    public let senderEmail: String
    public let deadline: SLADeadline
    /// The user who filed it through the API (nil for e-mail).
    public let createdByUserId: Int64?
    /// How the ticket came in; its first message records it.
    public let channel: MessageChannel
    /// The Message-ID of the letter that opened it, if one did.
    public let inboundMessageId: String?
    /// files that came with it, already checked.
    public var attachments: [NewAttachment] = []
    /// What the filing decided beyond the level, for the ticket's record (e.g. an unverified sender).
    public var notes: [TicketRecordNote] = []

    public init(
        customerId: Int64, subject: String, description: String, stepsToReproduce: String?, productVersion: String,
        problemClass: ProblemClass, senderEmail: String, deadline: SLADeadline, createdByUserId: Int64?, channel: MessageChannel = .api,
        inboundMessageId: String? = nil
    ) {
        self.customerId = customerId
        self.subject = subject
        self.description = description
        self.stepsToReproduce = stepsToReproduce
        self.productVersion = productVersion
        self.problemClass = problemClass
        self.senderEmail = senderEmail
        self.deadline = deadline
        self.createdByUserId = createdByUserId
        self.channel = channel
        self.inboundMessageId = inboundMessageId
    }

    /// a VIP ticket goes straight into processing; every other one starts new.
    public var initialState: TicketState { deadline.level == .vip ? .inProgress : .new }
}
