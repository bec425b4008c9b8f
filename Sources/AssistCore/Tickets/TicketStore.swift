import Foundation

/// Persistence of tickets, their threads, events and the notifications outbox.
public protocol TicketStore: Sendable {
    /// Accepts a ticket in one transaction: reads the customer's filing terms (its contracts and
    /// whether `sender` is registered with it), lets `make` turn them into that customer's ticket (its SLA
    /// level and deadline), assigns its TID, stores it with its first message, its events, and
    /// the confirmation in the outbox —: no confirmation, no ticket. Given `origin`, the
    /// ticket is split off it: its own TID and clock, linked to the origin. Returns it
    /// with its thread as committed; throws `AccountStoreError.customerNotFound` for a customer
    /// that does not exist, and whatever `make` throws.
    func acceptTicket(
        customerId: Int64, sender: String, splitFrom origin: Ticket?, at instant: Date,
        _ make: @escaping @Sendable (FilingTerms) throws -> NewTicket
    ) async throws -> AcceptedTicket
    func ticket(tid: String) async throws -> Ticket?
    func ticket(id: Int64) async throws -> Ticket?
    func tickets(customerId: Int64?, state: TicketState?) async throws -> [Ticket]
    func messages(ticketId: Int64) async throws -> [TicketMessage]
    func events(ticketId: Int64) async throws -> [TicketEvent]

    /// Appends to the thread. An agent's first reply since the clock started stops it and
    /// records whether the reaction was in time; a customer's reply to a ticket waiting for
    /// them puts it back in progress.: after the first reaction, a customer message starts
    /// a next-reaction round due at `nextReaction`'s deadline, and the next agent message ends it,
    /// met or breached. Throws `.closed` on a closed ticket.
    /// `inboundMessageId`: the Message-ID of the letter it came in; a second letter with the same
    /// one throws `.duplicateLetter` (the same letter delivered twice is one message).
    func addMessage(
        ticketId: Int64, author: TicketMessage.Author, authorUserId: Int64?, authorEmail: String?, body: String,
        channel: MessageChannel, inboundMessageId: String?, attachments: [NewAttachment], nextReaction: SLADeadline?, at instant: Date
    ) async throws -> (Ticket, TicketMessage)
    /// one stored attachment with its bytes; nil when there is none with this id.
    func attachment(id: Int64) async throws -> AttachmentContent?

    /// The ticket a letter answers: the one one of our letters (by Message-ID) belongs to, or the
    /// one an earlier letter of the customer's (by its Message-ID) was filed on.
    func ticketId(threadedBy messageIds: [String]) async throws -> Int64?
    /// Whether a letter with this Message-ID was filed (or held) already.
    func hasLetter(messageId: String) async throws -> Bool
    /// How many tickets letters from `sender` opened since `instant` (the per-sender daily cap).
    func ticketsOpenedByLetters(sender: String, since instant: Date) async throws -> Int
    /// Keeps a letter beyond its sender's cap for staff; the admins are told once per sender and
    /// Moscow day. False when a letter with this Message-ID is held already.
    func holdLetter(sender: String, subject: String, body: String, messageId: String?, cap: Int, at instant: Date) async throws -> Bool
    /// Held letters, newest first.
    func heldLetters() async throws -> [HeldLetter]

    /// staff confirm an operational ticket (`standard` nil), or move it to the
    /// standard level whose clock (`standard`, counted from the same start) replaces it. Both are
    /// recorded. Throws `.notOperational` for a ticket that is not (or no longer) awaiting it.
    func decideOperational(ticketId: Int64, standard: SLADeadline?, reason: String?, actorUserId: Int64, at instant: Date) async throws -> Ticket

    /// records an escalation; notifies `recipients` only if nobody was notified of this
    /// ticket yet on this Moscow day.
    func escalate(ticketId: Int64, message: String, by userId: Int64, notify recipients: [String], at instant: Date) async throws -> (ticket: Ticket, notified: Bool)

    /// Throws `.transitionNotAllowed`.
    func changeState(ticketId: Int64, to state: TicketState, reason: PostponeReason?, actorUserId: Int64, at instant: Date) async throws -> Ticket
    /// Moves the ticket to another level with a new clock (`deadline`), recorded.
    func changeLevel(ticketId: Int64, to deadline: SLADeadline, actorUserId: Int64, at instant: Date) async throws -> Ticket
    /// one rating, after resolution. Throws `.notResolved` or `.alreadyRated`.
    func rate(ticketId: Int64, score: Int, comment: String?, at instant: Date) async throws -> Ticket

    func notifications() async throws -> [OutboxNotification]
    /// whether the ticket's acceptance confirmation was handed to the relay (250).
    func confirmationSent(ticketId: Int64) async throws -> Bool

    /// Adds a further problem to a ticket. Throws `.vipSecondProblem` on a VIP ticket.
    func addProblem(ticketId: Int64, description: String, by userId: Int64?, at instant: Date) async throws -> TicketProblem
    func problems(ticketId: Int64) async throws -> [TicketProblem]
    /// A ticket's problems, messages, events (when asked) and whether its confirmation was
    /// sent, read together: one trip to the database for a ticket's page.
    func thread(ticketId: Int64, withEvents: Bool) async throws -> TicketThread
    /// the first out-of-turn reason of every open ticket that has one, by ticket id.
    func outOfTurnReasons() async throws -> [Int64: String]
}
