import Foundation

/// Persistence of tickets, their threads, events and the notifications outbox.
public protocol TicketStore: Sendable {
    /// Accepts a ticket in one transaction: reads the customer's filing terms (its contracts and
    /// whether `sender` is registered with it), lets `make` turn them into that customer's ticket (its SLA
    /// level and deadline), assigns its TID, stores it with its first message and what `record`
    /// decides for the ticket as stored (`TicketAcceptance`: its events, and the confirmation in
    /// the outbox —: no confirmation, no ticket). Given `origin`, the
    /// ticket is split off it: its own TID and clock, linked to the origin. Returns it
    /// with its thread as committed; throws `AccountStoreError.customerNotFound` for a customer
    /// that does not exist, and whatever `make` throws. Given `lettersSince`, the terms count
    /// the tickets `sender` opened by letter since then (`LetterCap`), in the same transaction.
    func acceptTicket(
        customerId: Int64, sender: String, splitFrom origin: Ticket?, countingLettersSince lettersSince: Date?, at instant: Date,
        _ make: @escaping @Sendable (FilingTerms) throws -> NewTicket,
        record: @escaping @Sendable (Ticket, NewTicket) -> TicketAcceptance
    ) async throws -> AcceptedTicket
    func ticket(tid: String) async throws -> Ticket?
    func ticket(id: Int64) async throws -> Ticket?
    func tickets(customerId: Int64?, state: TicketState?) async throws -> [Ticket]
    func messages(ticketId: Int64) async throws -> [TicketMessage]
    func events(ticketId: Int64) async throws -> [TicketEvent]

    /// Appends to the thread, in one transaction with what the message does to its ticket:
    /// `decide` (R-2.4, `ThreadRule`) is given the ticket as it stands in that transaction and
    /// returns it as it is after, with what is recorded; what it throws, nothing is stored.
    /// `inboundMessageId`: the Message-ID of the letter it came in; a second letter with the same
    /// one throws `.duplicateLetter` (the same letter delivered twice is one message).
    func addMessage(
        ticketId: Int64, author: TicketMessage.Author, authorUserId: Int64?, authorEmail: String?, body: String,
        channel: MessageChannel, inboundMessageId: String?, attachments: [NewAttachment], at instant: Date,
        decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> (Ticket, TicketMessage)
    /// one stored attachment with its bytes; nil when there is none with this id.
    func attachment(id: Int64) async throws -> AttachmentContent?

    /// The ticket a letter answers: the one one of our letters (by Message-ID) belongs to, or the
    /// one an earlier letter of the customer's (by its Message-ID) was filed on.
    func ticketId(threadedBy messageIds: [String]) async throws -> Int64?
    /// Whether a letter with this Message-ID was filed (or held) already.
    func hasLetter(messageId: String) async throws -> Bool
    /// Keeps a letter beyond its sender's cap for staff, with what `decide` (`LetterCap.holding`)
    /// says on how many letters of the sender were held earlier that Moscow day and the enabled
    /// admins' addresses. False when a letter with this Message-ID is held already.
    func holdLetter(
        sender: String, subject: String, body: String, messageId: String?, at instant: Date,
        decide: @escaping @Sendable (_ heldEarlierToday: Int, _ admins: [String]) -> Holding
    ) async throws -> Bool
    /// Held letters, newest first.
    func heldLetters() async throws -> [HeldLetter]

    /// staff decide a ticket's class as `decide` (`ClassRule`) says, given the
    /// ticket as it stands in the transaction; its record and audit entries are written with it.
    func decideClass(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket

    /// records an escalation counted for `workingDay` as `decide` says (`EscalationRule`),
    /// given the ticket and whether someone was told of it already for that working day; writes
    /// its record and queues its letters. `userId` is nil for a letter to the head's address.
    func escalate(
        ticketId: Int64, message: String, by userId: Int64?, workingDay: LocalDate, at instant: Date,
        decide: @escaping @Sendable (Ticket, _ toldAlready: Bool) -> Escalation
    ) async throws -> (ticket: Ticket, notified: Bool)

    /// Changes the ticket's state as `decide` (`StateRule`) says, given the ticket as it stands in the
    /// transaction; its record and letters are written with it.
    func changeState(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket
    /// Moves the ticket to another level as `decide` (`LevelMove`) says, given the ticket as it
    /// stands in the transaction; its record, audit entries and letter are written with it.
    func changeLevel(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket
    /// Records the customer's rating, once `check` (`RatingRule`, R-5) accepted the ticket as it
    /// stands in the transaction; what it throws, nothing is stored.
    func rate(
        ticketId: Int64, score: Int, comment: String?, at instant: Date, check: @escaping @Sendable (Ticket) throws -> TicketRecordNote
    ) async throws -> Ticket

    func notifications() async throws -> [OutboxNotification]
    /// whether the ticket's acceptance confirmation was handed to the relay (250).
    func confirmationSent(ticketId: Int64) async throws -> Bool

    /// Adds a further problem to a ticket once `check` (`ProblemRule`, R-2.5.3) accepted the
    /// ticket as it stands in the transaction; what it throws, nothing is stored.
    func addProblem(
        ticketId: Int64, description: String, by userId: Int64?, at instant: Date, check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> TicketProblem
    func problems(ticketId: Int64) async throws -> [TicketProblem]
    /// A ticket's problems, messages, events (when asked) and whether its confirmation was
    /// sent, read together: one trip to the database for a ticket's page.
    func thread(ticketId: Int64, withEvents: Bool) async throws -> TicketThread
    /// the first out-of-turn reason of every open ticket that has one, by ticket id.
    func outOfTurnReasons() async throws -> [Int64: String]
}

extension TicketStore {
    /// A ticket not opened by a letter (no count of letters to read), recorded as `TicketAcceptance` says.
    public func acceptTicket(
        customerId: Int64, sender: String, splitFrom origin: Ticket?, at instant: Date,
        _ make: @escaping @Sendable (FilingTerms) throws -> NewTicket
    ) async throws -> AcceptedTicket {
        try await acceptTicket(
            customerId: customerId, sender: sender, splitFrom: origin, countingLettersSince: nil, at: instant, make,
            record: { TicketAcceptance(of: $0, decided: $1.notes) })
    }
}
