import AssistCore
import Foundation
import LibPQ
import OpenSSLCrypto

extension PostgresDatabase: TicketStore {
    public func acceptTicket(
        customerId: Int64, sender: String, splitFrom origin: Ticket?, countingLettersSince lettersSince: Date?, at instant: Date,
        _ make: @escaping @Sendable (FilingTerms) throws -> NewTicket,
        record: @escaping @Sendable (Ticket, NewTicket) -> TicketAcceptance
    ) async throws -> AcceptedTicket {
        // The TID's number is taken first, in a statement of its own: a counter row locked until
        // the filing committed would let one ticket at a time be filed on the whole desk. Unique
        // and never reused either way; a filing refused after it leaves its number unused.
        let year = MoscowTime.date(of: instant).year
        let taken = try await pool.withConnection { try Self.nextTIDNumber(year: year, $0) }
        return try await pool.transaction(.readCommitted) { connection in
            var terms = try Self.filingTerms(customerId: customerId, sender: sender, connection)
            if let lettersSince {
                // One sender's letters counted one at a time across nodes: two letters filed at
                // once on two nodes cannot both pass a cap that has room for one.
                try connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("letters|\(sender)")])
                terms.ticketsOpenedByLettersToday = try Self.ticketsOpenedByLetters(sender: sender, since: lettersSince, connection)
            }
            let new = try make(terms)
            let accepted = try Self.accept(new, splitFrom: origin?.tid, tidNumber: (year, taken), at: instant, record: record, connection)
            if let origin, let note = accepted.originNote {
                try Self.recordEvent(note, ticketId: origin.id, actor: new.createdByUserId, at: instant, connection)
            }
            return accepted.ticket
        }
    }

    /// The next number of a year's TIDs, in the caller's statement (autocommit: the counter row is
    /// held only for it).
    static func nextTIDNumber(year: Int, _ connection: PostgresConnection) throws -> Int64 {
        try connection.query(
            "INSERT INTO tidSequence (year, last) VALUES ($1::integer, 1) ON CONFLICT (year) DO UPDATE SET last = tidSequence.last + 1 RETURNING last",
            [PostgresParameter(year)]
        ).requiredInt(0, "last", table: "tidSequence")
    }

    /// Writes the ticket under the TID number taken for its year, its first message and what
    /// `decide` records for it.
    static func accept(
        _ new: NewTicket, splitFrom: String?, tidNumber: (year: Int, number: Int64), at instant: Date,
        record decide: (Ticket, NewTicket) -> TicketAcceptance, _ connection: PostgresConnection
    ) throws -> (ticket: AcceptedTicket, originNote: TicketRecordNote?) {
        // Received is the filing's instant; should it ever fall in another year, that year's number.
        let year = MoscowTime.date(of: new.deadline.received).year
        let number = year == tidNumber.year ? tidNumber.number : try Self.nextTIDNumber(year: year, connection)
        let deadline = new.deadline
        let rows = try connection.query(
            """
            INSERT INTO ticket (tid, customerId, subject, description, stepsToReproduce, productVersion, problemClass, senderEmail,
                receivedAt, state, slaLevel, clockStartedAt, reactionDeadline, calendarRevision, deadlineExplanation, createdByUserId, splitFrom)
            VALUES ($1, $2::bigint, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10, $11, $12::timestamptz, $13::timestamptz, $14::integer, $15,
                $16::bigint, $17)
            RETURNING *
            """,
            [.text(TicketID.format(year: year, number: Int(number))), PostgresParameter(new.customerId), .text(new.subject), .text(new.description),
             PostgresParameter(new.stepsToReproduce), .text(new.productVersion), .text(new.problemClass.rawValue), .text(new.senderEmail),
             PostgresParameter(deadline.received), .text(new.initialState.rawValue), .text(deadline.level.rawValue), PostgresParameter(deadline.clockStart),
             PostgresParameter(deadline.deadline), PostgresParameter(deadline.calendarRevision), .text(StoredLines.text(deadline.explanation)),
             PostgresParameter(new.createdByUserId), PostgresParameter(splitFrom)])
        let ticket = try Self.ticket(rows, 0)
        var message = try Self.insertMessage(
            ticketId: ticket.id, author: .customer, authorUserId: new.createdByUserId, authorEmail: new.senderEmail, body: new.description,
            channel: new.channel, inboundMessageId: new.inboundMessageId, at: instant, connection)
        message.attachments = try Self.insertAttachments(new.attachments, messageId: message.id, connection)
        let acceptance = decide(ticket, new)
        // The acceptance is the filer's act; what the server decided beside it is nobody's.
        let events = try acceptance.notes.map { note in
            try Self.recordEvent(note, ticketId: ticket.id, actor: note.kind == .accepted ? new.createdByUserId : nil, at: instant, connection)
        }
        try Self.queue(acceptance.confirmation, ticketId: ticket.id, at: instant, connection)
        let accepted = AcceptedTicket(
            ticket: ticket, thread: TicketThread(problems: [], messages: [message], events: events, confirmationSent: false))
        return (accepted, acceptance.originNote)
    }

    public func addProblem(
        ticketId: Int64, description: String, by userId: Int64?, at instant: Date, check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> TicketProblem {
        try await pool.transaction(.readCommitted) { connection in
            try check(try Self.lockedTicket(ticketId, connection))
            let rows = try connection.query(
                "INSERT INTO ticketProblem (ticketId, description, addedByUserId, createdAt) VALUES ($1::bigint, $2, $3::bigint, $4::timestamptz) RETURNING *",
                [PostgresParameter(ticketId), .text(description), PostgresParameter(userId), PostgresParameter(instant)])
            return try Self.problem(rows, 0)
        }
    }

    public func problems(ticketId: Int64) async throws -> [TicketProblem] {
        try await pool.withConnection { try Self.problems(ticketId, $0) }
    }

    static func problems(_ ticketId: Int64, _ connection: PostgresConnection) throws -> [TicketProblem] {
        let rows = try connection.query("SELECT * FROM ticketProblem WHERE ticketId = $1::bigint ORDER BY id", [PostgresParameter(ticketId)])
        return try rows.rows.indices.map { try Self.problem(rows, $0) }
    }

    public func thread(ticketId: Int64, withEvents: Bool) async throws -> TicketThread {
        // One snapshot for the four reads, as one SQLite read transaction gives.
        try await pool.transaction(.repeatableRead) { connection in
            TicketThread(
                problems: try Self.problems(ticketId, connection), messages: try Self.messages(ticketId, connection),
                events: withEvents ? try Self.events(ticketId, connection) : nil, confirmationSent: try Self.confirmationSent(ticketId, connection))
        }
    }

    public func outOfTurnReasons() async throws -> [Int64: String] {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT DISTINCT ON (e.ticketId) e.ticketId, e.detail FROM ticketEvent e JOIN ticket t ON t.id = e.ticketId
                WHERE e.kind = $1 AND t.state IN \(PostgresRules.openStates) ORDER BY e.ticketId, e.id
                """, [.text(TicketEvent.Kind.outOfTurn.rawValue)])
            var reasons: [Int64: String] = [:]
            for index in rows.rows.indices {
                reasons[try rows.requiredInt(index, "ticketId", table: "ticketEvent")] = try rows.required(index, "detail", table: "ticketEvent")
            }
            return reasons
        }
    }

    public func ticket(tid: String) async throws -> Ticket? {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM ticket WHERE tid = $1", [.text(tid)])
            return rows.rows.isEmpty ? nil : try Self.ticket(rows, 0)
        }
    }

    public func ticket(id: Int64) async throws -> Ticket? {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM ticket WHERE id = $1::bigint", [PostgresParameter(id)])
            return rows.rows.isEmpty ? nil : try Self.ticket(rows, 0)
        }
    }

    public func tickets(customerId: Int64?, state: TicketState?) async throws -> [Ticket] {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT * FROM ticket WHERE ($1::bigint IS NULL OR customerId = $1::bigint) AND ($2::text IS NULL OR state = $2::text)
                ORDER BY receivedAt, id
                """, [PostgresParameter(customerId), PostgresParameter(state?.rawValue)])
            return try rows.rows.indices.map { try Self.ticket(rows, $0) }
        }
    }

    public func messages(ticketId: Int64) async throws -> [TicketMessage] {
        try await pool.transaction(.repeatableRead) { try Self.messages(ticketId, $0) }
    }

    static func messages(_ ticketId: Int64, _ connection: PostgresConnection) throws -> [TicketMessage] {
        let files = try connection.query(
            """
            SELECT a.*, c.sizeBytes FROM messageAttachment a JOIN attachmentContent c ON c.sha256 = a.sha256
            JOIN ticketMessage m ON m.id = a.messageId WHERE m.ticketId = $1::bigint ORDER BY a.id
            """, [PostgresParameter(ticketId)])
        let attachments = Dictionary(grouping: try files.rows.indices.map { try Self.attachment(files, $0) }, by: \.messageId)
        let rows = try connection.query("SELECT * FROM ticketMessage WHERE ticketId = $1::bigint ORDER BY id", [PostgresParameter(ticketId)])
        return try rows.rows.indices.map { index in
            var message = try Self.message(rows, index)
            message.attachments = attachments[message.id] ?? []
            return message
        }
    }

    public func attachment(id: Int64) async throws -> AttachmentContent? {
        try await pool.withConnection { connection in
            let rows = try connection.query(
                """
                SELECT a.*, c.sizeBytes, c.bytes, m.ticketId FROM messageAttachment a
                JOIN attachmentContent c ON c.sha256 = a.sha256 JOIN ticketMessage m ON m.id = a.messageId WHERE a.id = $1::bigint
                """, [PostgresParameter(id)])
            guard !rows.rows.isEmpty else { return nil }
            guard let bytes = rows.bytes(0, "bytes") else { throw CorruptRow(table: "attachmentContent", column: "bytes", value: "not bytea") }
            return AttachmentContent(
                attachment: try Self.attachment(rows, 0), ticketId: try rows.requiredInt(0, "ticketId", table: "ticketMessage"), bytes: bytes)
        }
    }

    /// Stores each file's content once and links it to its message, in the message's transaction.
    static func insertAttachments(_ attachments: [NewAttachment], messageId: Int64, _ connection: PostgresConnection) throws -> [MessageAttachment] {
        try attachments.map { file in
            let sha256 = SHA256Digest.hex(of: file.bytes)
            try connection.query(
                "INSERT INTO attachmentContent (sha256, bytes, sizeBytes) VALUES ($1, $2::bytea, $3::bigint) ON CONFLICT (sha256) DO NOTHING",
                [.text(sha256), .bytes(file.bytes), PostgresParameter(file.bytes.count)])
            let rows = try connection.query(
                "INSERT INTO messageAttachment (messageId, fileName, mediaType, sha256) VALUES ($1::bigint, $2, $3, $4) RETURNING *, $5::bigint AS sizeBytes",
                [PostgresParameter(messageId), .text(file.fileName), .text(file.format.mediaType), .text(sha256), PostgresParameter(file.bytes.count)])
            return try Self.attachment(rows, 0)
        }
    }

    public func events(ticketId: Int64) async throws -> [TicketEvent] {
        try await pool.withConnection { try Self.events(ticketId, $0) }
    }

    static func events(_ ticketId: Int64, _ connection: PostgresConnection) throws -> [TicketEvent] {
        let rows = try connection.query("SELECT * FROM ticketEvent WHERE ticketId = $1::bigint ORDER BY id", [PostgresParameter(ticketId)])
        return try rows.rows.indices.map { try Self.event(rows, $0) }
    }

    public func addMessage(
        ticketId: Int64, author: TicketMessage.Author, authorUserId: Int64?, authorEmail: String?, body: String,
        channel: MessageChannel, inboundMessageId: String?, attachments: [NewAttachment], at instant: Date,
        decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> (Ticket, TicketMessage) {
        try await pool.transaction(.readCommitted) { connection in
            let change = try decide(try Self.lockedTicket(ticketId, connection))
            var message = try Self.insertMessage(
                ticketId: ticketId, author: author, authorUserId: authorUserId, authorEmail: authorEmail, body: body, channel: channel,
                inboundMessageId: inboundMessageId, at: instant, connection)
            message.attachments = try Self.insertAttachments(attachments, messageId: message.id, connection)
            let ticket = try Self.apply(change, ticketId: ticketId, actor: authorUserId, at: instant, connection)
            return (ticket, message)
        }
    }

    public func decideClass(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket {
        try await change(ticketId, actor: actorUserId, at: instant, decide)
    }

    public func changeState(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket {
        try await change(ticketId, actor: actorUserId, at: instant, decide)
    }

    public func changeLevel(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket {
        try await change(ticketId, actor: actorUserId, at: instant, decide)
    }

    /// A change `decide` makes to the ticket as it stands, its row locked until it is written.
    private func change(_ ticketId: Int64, actor: Int64, at instant: Date, _ decide: @escaping @Sendable (Ticket) throws -> TicketChange) async throws -> Ticket {
        try await pool.transaction(.readCommitted) { connection in
            try Self.apply(try decide(try Self.lockedTicket(ticketId, connection)), ticketId: ticketId, actor: actor, at: instant, connection)
        }
    }

    /// Writes what a rule decided: the ticket's row, its record, audit entries and letters, and
    /// the end of its remote sessions.
    static func apply(_ change: TicketChange, ticketId: Int64, actor: Int64?, at instant: Date, _ connection: PostgresConnection) throws -> Ticket {
        let ticket = try Self.update(change.ticket, connection)
        for note in change.records { try Self.recordEvent(note, ticketId: ticketId, actor: actor, at: instant, connection) }
        for note in change.audit { try Self.append(connection, note, at: instant) }
        for letter in change.letters { try Self.queue(letter, ticketId: ticketId, at: instant, connection) }
        if change.endsRemoteSessions {
            try Self.endRemoteSessions(ticketId: ticketId, tid: ticket.tid, ticketState: ticket.state, actor: actor, at: instant, connection)
        }
        return ticket
    }

    public func escalate(
        ticketId: Int64, message: String, by userId: Int64?, workingDay: LocalDate, at instant: Date,
        decide: @escaping @Sendable (Ticket, _ toldAlready: Bool) -> Escalation
    ) async throws -> (ticket: Ticket, notified: Bool) {
        try await pool.transaction(.readCommitted) { connection in
            // The ticket's row lock orders escalations of one ticket across nodes: the second
            // sees that the first told someone.
            let ticket = try Self.lockedTicket(ticketId, connection)
            let day = workingDay.description
            let toldAlready = try connection.query(
                "SELECT EXISTS (SELECT 1 FROM ticketEscalation WHERE ticketId = $1::bigint AND moscowDate = $2 AND notified) AS told",
                [PostgresParameter(ticketId), .text(day)]
            ).bool(0, "told") ?? false
            let escalation = decide(ticket, toldAlready)
            try connection.query(
                """
                INSERT INTO ticketEscalation (ticketId, message, byUserId, moscowDate, notified, createdAt)
                VALUES ($1::bigint, $2, $3::bigint, $4, $5::boolean, $6::timestamptz)
                """,
                [PostgresParameter(ticketId), .text(message), PostgresParameter(userId), .text(day), PostgresParameter(escalation.notify), PostgresParameter(instant)])
            try Self.recordEvent(escalation.record, ticketId: ticketId, actor: userId, at: instant, connection)
            for letter in escalation.letters { try Self.queue(letter, ticketId: ticketId, at: instant, connection) }
            return (ticket, escalation.notify)
        }
    }

    public func rate(
        ticketId: Int64, score: Int, comment: String?, at instant: Date, check: @escaping @Sendable (Ticket) throws -> TicketRecordNote
    ) async throws -> Ticket {
        try await pool.transaction(.readCommitted) { connection in
            var ticket = try Self.lockedTicket(ticketId, connection)
            let note = try check(ticket)
            ticket.rating = score
            ticket.ratingComment = comment
            let rated = try Self.update(ticket, connection)
            try Self.recordEvent(note, ticketId: ticketId, actor: nil, at: instant, connection)
            return rated
        }
    }

    public func confirmationSent(ticketId: Int64) async throws -> Bool {
        try await pool.withConnection { try Self.confirmationSent(ticketId, $0) }
    }

    static func confirmationSent(_ ticketId: Int64, _ connection: PostgresConnection) throws -> Bool {
        try connection.query(
            "SELECT EXISTS (SELECT 1 FROM notification WHERE ticketId = $1::bigint AND kind = 'ticket-accepted' AND state = 'sent') AS sent",
            [PostgresParameter(ticketId)]
        ).bool(0, "sent") ?? false
    }

    public func notifications() async throws -> [OutboxNotification] {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM notification ORDER BY id")
            return try rows.rows.indices.map { try Self.notification(rows, $0) }
        }
    }

    /// Inserts a message; a letter whose Message-ID was filed before (on any node) is refused by
    /// the unique index.
    static func insertMessage(
        ticketId: Int64, author: TicketMessage.Author, authorUserId: Int64?, authorEmail: String?, body: String, channel: MessageChannel,
        inboundMessageId: String?, at instant: Date, _ connection: PostgresConnection
    ) throws -> TicketMessage {
        do {
            let rows = try connection.query(
                """
                INSERT INTO ticketMessage (ticketId, author, authorUserId, authorEmail, body, channel, inboundMessageId, createdAt)
                VALUES ($1::bigint, $2, $3::bigint, $4, $5, $6, $7, $8::timestamptz) RETURNING *
                """,
                [PostgresParameter(ticketId), .text(author.rawValue), PostgresParameter(authorUserId), PostgresParameter(authorEmail), .text(body),
                 .text(channel.rawValue), PostgresParameter(inboundMessageId), PostgresParameter(instant)])
            return try Self.message(rows, 0)
        } catch let error as PostgresError where error.kind == .uniqueViolation && error.constraint == "ticketmessage_inboundmessageid" {
            throw TicketStoreError.duplicateLetter
        }
    }

    public func ticketId(threadedBy messageIds: [String]) async throws -> Int64? {
        guard !messageIds.isEmpty else { return nil }
        return try await pool.withConnection { connection in
            let parameters = messageIds.map(PostgresParameter.text)
            let marks = (1...messageIds.count).map { "$\($0)" }.joined(separator: ", ")
            return try connection.query(
                """
                SELECT ticketId FROM notification WHERE messageId IN (\(marks)) AND ticketId IS NOT NULL
                UNION ALL SELECT ticketId FROM ticketMessage WHERE inboundMessageId IN (\(marks))
                LIMIT 1
                """, parameters
            ).int(0, "ticketId")
        }
    }

    public func hasLetter(messageId: String) async throws -> Bool {
        try await pool.withConnection { connection in
            try connection.query(
                """
                SELECT EXISTS (SELECT 1 FROM ticketMessage WHERE inboundMessageId = $1) OR EXISTS (SELECT 1 FROM heldLetter WHERE messageId = $1) AS filed
                """, [.text(messageId)]
            ).bool(0, "filed") ?? false
        }
    }

    /// How many tickets letters from `sender` opened since `instant` (`LetterCap`).
    static func ticketsOpenedByLetters(sender: String, since instant: Date, _ connection: PostgresConnection) throws -> Int {
        Int(try connection.query(
            """
            SELECT count(*) AS n FROM ticket t
            WHERE t.senderEmail = $1 AND t.receivedAt >= $2::timestamptz AND t.createdByUserId IS NULL
              AND (SELECT m.channel FROM ticketMessage m WHERE m.ticketId = t.id ORDER BY m.id LIMIT 1) = 'email'
            """, [.text(sender), PostgresParameter(instant)]
        ).int(0, "n") ?? 0)
    }

    public func holdLetter(
        sender: String, subject: String, body: String, messageId: String?, at instant: Date,
        decide: @escaping @Sendable (_ heldEarlierToday: Int, _ admins: [String]) -> Holding
    ) async throws -> Bool {
        try await pool.transaction(.readCommitted) { connection in
            // One sender's held letters counted one at a time across nodes (the admins are told once).
            try connection.query("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("held|\(sender)")])
            let heldToday = try connection.query(
                "SELECT count(*) AS n FROM heldLetter WHERE sender = $1 AND receivedAt >= $2::timestamptz",
                [.text(sender), PostgresParameter(MoscowTime.startOfDay(of: instant))]
            ).int(0, "n") ?? 0
            let held = try connection.query(
                """
                INSERT INTO heldLetter (sender, subject, body, messageId, receivedAt) VALUES ($1, $2, $3, $4, $5::timestamptz)
                ON CONFLICT (messageId) DO NOTHING RETURNING id
                """, [.text(sender), .text(subject), .text(body), PostgresParameter(messageId), PostgresParameter(instant)])
            guard !held.rows.isEmpty else { return false }
            let holding = decide(Int(heldToday), try Self.adminAddresses(connection))
            for letter in holding.letters { try Self.queue(letter, ticketId: nil, at: instant, connection) }
            if let audit = holding.audit { try Self.append(connection, audit, at: instant) }
            return true
        }
    }

    public func heldLetters() async throws -> [HeldLetter] {
        try await pool.withConnection { connection in
            let rows = try connection.query("SELECT * FROM heldLetter ORDER BY receivedAt DESC, id DESC LIMIT 1000")
            let table = "heldLetter"
            return try rows.rows.indices.map {
                HeldLetter(
                    id: try rows.requiredInt($0, "id", table: table), sender: try rows.required($0, "sender", table: table),
                    subject: try rows.required($0, "subject", table: table), body: try rows.required($0, "body", table: table),
                    messageId: rows.text($0, "messageId"), receivedAt: try rows.requiredInstant($0, "receivedAt", table: table))
            }
        }
    }
}
