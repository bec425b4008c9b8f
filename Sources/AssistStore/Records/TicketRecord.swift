import AssistCore
import Foundation
import GRDB

/// A row of `ticket`.
struct TicketRecord: PreparedInsert, Equatable {
    static let databaseTableName = "ticket"

    var id: Int64?
    var tid: String
    var customerId: Int64
    var subject: String
    var description: String
    var stepsToReproduce: String?
    var productVersion: String
    var problemClass: String
    var senderEmail: String
    var receivedAt: Date
    var state: String
    var stateReason: String?
    var slaLevel: String
    var clockStartedAt: Date
    var reactionDeadline: Date
    var calendarRevision: Int
    /// JSON array of the explanation's lines.
    var deadlineExplanation: String
    var firstResponseAt: Date?
    var reactionMet: Bool?
    var rating: Int?
    var ratingComment: String?
    var createdByUserId: Int64?
    var splitFrom: String?
    var operationalConfirmedAt: Date?
    var nextReactionSince: Date?
    var nextReactionDue: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    static let insertSQL = """
        INSERT INTO ticket (tid, customerId, subject, description, stepsToReproduce, productVersion, problemClass, senderEmail,
            receivedAt, state, stateReason, slaLevel, clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation,
            firstResponseAt, reactionMet, rating, ratingComment, createdByUserId, splitFrom, operationalConfirmedAt,
            nextReactionSince, nextReactionDue)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    var insertArguments: StatementArguments {
        [tid, customerId, subject, description, stepsToReproduce, productVersion, problemClass, senderEmail,
         StoredTime.text(receivedAt), state, stateReason, slaLevel, StoredTime.text(clockStartedAt), StoredTime.text(reactionDeadline),
         calendarRevision, deadlineExplanation, firstResponseAt.map(StoredTime.text), reactionMet, rating, ratingComment,
         createdByUserId, splitFrom, operationalConfirmedAt.map(StoredTime.text), nextReactionSince.map(StoredTime.text),
         nextReactionDue.map(StoredTime.text)]
    }

    var ticket: Ticket {
        Ticket(
            id: id ?? 0, tid: tid, customerId: customerId, subject: subject, description: description,
            stepsToReproduce: stepsToReproduce, productVersion: productVersion,
            problemClass: ProblemClass(rawValue: problemClass) ?? .standard, senderEmail: senderEmail, receivedAt: receivedAt,
            state: TicketState(rawValue: state) ?? .new, stateReason: stateReason.flatMap(PostponeReason.init(rawValue:)),
            slaLevel: SLALevel(rawValue: slaLevel) ?? .freeStandard, clockStartedAt: clockStartedAt,
            reactionDeadline: reactionDeadline, calendarRevision: calendarRevision,
            deadlineExplanation: StoredLines.lines(deadlineExplanation),
            firstResponseAt: firstResponseAt, reactionMet: reactionMet, rating: rating, ratingComment: ratingComment,
            splitFrom: splitFrom, operationalConfirmedAt: operationalConfirmedAt, nextReactionSince: nextReactionSince,
            nextReactionDue: nextReactionDue)
    }

    /// What a rule decided for the ticket, on its row: the fields a ticket's life changes.
    mutating func take(_ ticket: Ticket) {
        problemClass = ticket.problemClass.rawValue
        state = ticket.state.rawValue
        stateReason = ticket.stateReason?.rawValue
        slaLevel = ticket.slaLevel.rawValue
        clockStartedAt = ticket.clockStartedAt
        reactionDeadline = ticket.reactionDeadline
        calendarRevision = ticket.calendarRevision
        deadlineExplanation = StoredLines.text(ticket.deadlineExplanation)
        firstResponseAt = ticket.firstResponseAt
        reactionMet = ticket.reactionMet
        rating = ticket.rating
        ratingComment = ticket.ratingComment
        operationalConfirmedAt = ticket.operationalConfirmedAt
        nextReactionSince = ticket.nextReactionSince
        nextReactionDue = ticket.nextReactionDue
    }

    /// Puts a (re)started reaction clock on the row.
    mutating func startClock(_ deadline: SLADeadline) {
        slaLevel = deadline.level.rawValue
        clockStartedAt = deadline.clockStart
        reactionDeadline = deadline.deadline
        calendarRevision = deadline.calendarRevision
        deadlineExplanation = StoredLines.text(deadline.explanation)
        firstResponseAt = nil
        reactionMet = nil
        nextReactionSince = nil
        nextReactionDue = nil
    }
}

extension TicketRecord {
    /// Read by column name from the fetching statement's row rather than through GRDB's
    /// `Decodable` row decoder (a keyed container per column): reading a ticket's thread back
    /// after each filed ticket took a fifth less CPU so.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        tid = try row.decode(forColumn: "tid")
        customerId = try row.decode(forColumn: "customerId")
        subject = try row.decode(forColumn: "subject")
        description = try row.decode(forColumn: "description")
        stepsToReproduce = try row.decode(forColumn: "stepsToReproduce")
        productVersion = try row.decode(forColumn: "productVersion")
        problemClass = try row.decode(forColumn: "problemClass")
        senderEmail = try row.decode(forColumn: "senderEmail")
        receivedAt = try row.decode(forColumn: "receivedAt")
        state = try row.decode(forColumn: "state")
        stateReason = try row.decode(forColumn: "stateReason")
        slaLevel = try row.decode(forColumn: "slaLevel")
        clockStartedAt = try row.decode(forColumn: "clockStartedAt")
        reactionDeadline = try row.decode(forColumn: "reactionDeadline")
        calendarRevision = try row.decode(forColumn: "calendarRevision")
        deadlineExplanation = try row.decode(forColumn: "deadlineExplanation")
        firstResponseAt = try row.decode(forColumn: "firstResponseAt")
        reactionMet = try row.decode(forColumn: "reactionMet")
        rating = try row.decode(forColumn: "rating")
        ratingComment = try row.decode(forColumn: "ratingComment")
        createdByUserId = try row.decode(forColumn: "createdByUserId")
        splitFrom = try row.decode(forColumn: "splitFrom")
        operationalConfirmedAt = try row.decode(forColumn: "operationalConfirmedAt")
        nextReactionSince = try row.decode(forColumn: "nextReactionSince")
        nextReactionDue = try row.decode(forColumn: "nextReactionDue")
    }
}
