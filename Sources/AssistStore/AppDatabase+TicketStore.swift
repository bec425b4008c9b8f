import AssistCore
import Foundation
import GRDB
import OpenSSLCrypto

extension AppDatabase: TicketStore {
    public func acceptTicket(
        customerId: Int64, sender: String, splitFrom origin: Ticket?, countingLettersSince lettersSince: Date?, at instant: Date,
        _ make: @escaping @Sendable (FilingTerms) throws -> NewTicket,
        record: @escaping @Sendable (Ticket, NewTicket) -> TicketAcceptance
    ) async throws -> AcceptedTicket {
        // The terms are read by the write itself rather than by a read before it: a read of its
        // own cost each ticket a reader connection, a transaction and two more thread hops
        // (≈ a tenth of the server's CPU while tickets were being filed).
        try await write { db in
            var terms = try Self.filingTerms(customerId: customerId, sender: sender, db)
            if let lettersSince { terms.ticketsOpenedByLettersToday = try Self.ticketsOpenedByLetters(sender: sender, since: lettersSince, db) }
            let new = try make(terms)
            let accepted = try Self.accept(new, splitFrom: origin?.tid, at: instant, record: record, db)
            if let origin, let note = accepted.originNote {
                try TicketEventRecord.record(note.kind, note.detail, ticketId: origin.id, actor: new.createdByUserId, at: instant, db)
            }
            return accepted.ticket
        }
    }

    /// Writes the ticket, its first message, and what `record` decides for it (its events and its
    /// confirmation), and answers with the ticket and the thread just written, as a read of it would
    /// give them back. Its customer was found when the filing terms were read, in the same
    /// transaction (and the foreign key keeps a ticket from naming one that does not exist), so it
    /// is not looked up again here.
    static func accept(
        _ new: NewTicket, splitFrom: String?, at instant: Date, record decide: (Ticket, NewTicket) -> TicketAcceptance, _ db: Database
    ) throws -> (ticket: AcceptedTicket, originNote: TicketRecordNote?) {
        let tid = try Self.nextTID(year: MoscowTime.date(of: new.deadline.received).year, db)
        var record = TicketRecord(
            id: nil, tid: tid, customerId: new.customerId, subject: new.subject, description: new.description,
            stepsToReproduce: new.stepsToReproduce, productVersion: new.productVersion,
            problemClass: new.problemClass.rawValue, senderEmail: new.senderEmail, receivedAt: new.deadline.received,
            state: new.initialState.rawValue, stateReason: nil, slaLevel: "", clockStartedAt: instant,
            reactionDeadline: instant, calendarRevision: 0, deadlineExplanation: "[]", firstResponseAt: nil,
            reactionMet: nil, rating: nil, ratingComment: nil, createdByUserId: new.createdByUserId, splitFrom: splitFrom,
            operationalConfirmedAt: nil, nextReactionSince: nil, nextReactionDue: nil)
        record.startClock(new.deadline)
        try record.insertPrepared(db)
        let id = record.id ?? 0

        // The thread is answered from what is written here rather than read back (four queries,
        // ≈7 % of the server's CPU while tickets were filed); its times are the stored ones, to
        // the millisecond, so the answer is what any later read of the thread shows.
        let written = StoredTime.readBack(instant)
        var message = TicketMessageRecord(
            id: nil, ticketId: id, author: TicketMessage.Author.customer.rawValue, authorUserId: new.createdByUserId,
            authorEmail: new.senderEmail, body: new.description, channel: new.channel.rawValue, inboundMessageId: new.inboundMessageId,
            createdAt: written)
        try Self.insertLetter(&message, db)
        var firstMessage = message.message
        firstMessage.attachments = try Self.insertAttachments(new.attachments, messageId: firstMessage.id, db)
        let ticket = record.ticket
        let acceptance = decide(ticket, new)
        // The acceptance is the filer's act; what the server decided beside it (out of turn, an
        // unverified sender) is nobody's.
        let events = try acceptance.notes.map { note in
            try TicketEventRecord.record(note.kind, note.detail, ticketId: id, actor: note.kind == .accepted ? new.createdByUserId : nil, at: written, db)
        }
        try Self.queue(acceptance.confirmation, ticketId: id, at: instant, db)
        // A new ticket has no problems beyond its first message yet, and its confirmation was only queued.
        let accepted = AcceptedTicket(
            ticket: ticket, thread: TicketThread(problems: [], messages: [firstMessage], events: events, confirmationSent: false))
        return (accepted, acceptance.originNote)
    }

    public func addProblem(
        ticketId: Int64, description: String, by userId: Int64?, at instant: Date, check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> TicketProblem {
        try await write { db in
            try check(try Self.ticketRecord(ticketId, db).ticket)
            try db.execute(
                sql: "INSERT INTO ticketProblem (ticketId, description, addedByUserId, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [ticketId, description, userId, instant])
            return TicketProblem(id: db.lastInsertedRowID, ticketId: ticketId, description: description, addedByUserId: userId, createdAt: instant)
        }
    }

    public func problems(ticketId: Int64) async throws -> [TicketProblem] {
        try await writer.read { try Self.problems(ticketId, $0) }
    }

    public func thread(ticketId: Int64, withEvents: Bool) async throws -> TicketThread {
        try await writer.read { db in try Self.thread(ticketId, withEvents: withEvents, db) }
    }

    static func thread(_ ticketId: Int64, withEvents: Bool, _ db: Database) throws -> TicketThread {
        TicketThread(
            problems: try Self.problems(ticketId, db), messages: try Self.messages(ticketId, db),
            events: withEvents ? try Self.events(ticketId, db) : nil, confirmationSent: try Self.confirmationSent(ticketId, db))
    }

    public func outOfTurnReasons() async throws -> [Int64: String] {
        try await writer.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT e.ticketId, e.detail FROM ticketEvent e JOIN ticket t ON t.id = e.ticketId
                WHERE e.kind = ? AND t.state IN ('new', 'in-progress', 'waiting-for-customer') ORDER BY e.id
                """), arguments: [TicketEvent.Kind.outOfTurn.rawValue])
            var reasons: [Int64: String] = [:]
            for row in rows where reasons[row["ticketId"]] == nil { reasons[row["ticketId"]] = row["detail"] }
            return reasons
        }
    }

    static func problems(_ ticketId: Int64, _ db: Database) throws -> [TicketProblem] {
        try Row.decodeAll(db.cachedStatement(sql: "SELECT * FROM ticketProblem WHERE ticketId = ? ORDER BY id"), arguments: [ticketId]) { row in
            TicketProblem(id: row["id"], ticketId: row["ticketId"], description: row["description"], addedByUserId: row["addedByUserId"], createdAt: row["createdAt"])
        }
    }

    public func ticket(tid: String) async throws -> Ticket? {
        try await writer.read { try TicketRecord.fetchOne($0.cachedStatement(sql: "SELECT * FROM ticket WHERE tid = ?"), arguments: [tid])?.ticket }
    }

    public func ticket(id: Int64) async throws -> Ticket? {
        try await writer.read { try TicketRecord.fetchOne($0.cachedStatement(sql: "SELECT * FROM ticket WHERE id = ?"), arguments: [id])?.ticket }
    }

    public func tickets(customerId: Int64?, state: TicketState?) async throws -> [Ticket] {
        try await writer.read { db in
            var request = TicketRecord.order(Column("receivedAt"), Column("id"))
            if let customerId { request = request.filter(Column("customerId") == customerId) }
            if let state { request = request.filter(Column("state") == state.rawValue) }
            return try request.fetchAll(db).map(\.ticket)
        }
    }

    public func messages(ticketId: Int64) async throws -> [TicketMessage] {
        try await writer.read { try Self.messages(ticketId, $0) }
    }

    static func messages(_ ticketId: Int64, _ db: Database) throws -> [TicketMessage] {
        let attachments = Dictionary(grouping: try Row.decodeAll(db.cachedStatement(sql: """
            SELECT a.*, c.sizeBytes FROM messageAttachment a JOIN attachmentContent c ON c.sha256 = a.sha256
            JOIN ticketMessage m ON m.id = a.messageId WHERE m.ticketId = ? ORDER BY a.id
            """), arguments: [ticketId], Self.attachment(row:)), by: \.messageId)
        return try TicketMessageRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM ticketMessage WHERE ticketId = ? ORDER BY id"), arguments: [ticketId])
            .map { record in
                var message = record.message
                message.attachments = attachments[message.id] ?? []
                return message
            }
    }

    public func attachment(id: Int64) async throws -> AttachmentContent? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.*, c.sizeBytes, c.bytes, m.ticketId FROM messageAttachment a
                JOIN attachmentContent c ON c.sha256 = a.sha256 JOIN ticketMessage m ON m.id = a.messageId WHERE a.id = ?
                """, arguments: [id]) else { return nil }
            return AttachmentContent(attachment: Self.attachment(row: row), ticketId: row["ticketId"], bytes: [UInt8](row["bytes"] as Data))
        }
    }

    /// Stores each file's content once (the same screenshot sent twice is one row) and links it
    /// to its message, inside the message's own transaction.
    @discardableResult
    static func insertAttachments(_ attachments: [NewAttachment], messageId: Int64, _ db: Database) throws -> [MessageAttachment] {
        try attachments.map { file in
            let sha256 = SHA256Digest.hex(of: file.bytes)
            try db.execute(
                sql: "INSERT INTO attachmentContent (sha256, bytes, sizeBytes) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
                arguments: [sha256, Data(file.bytes), file.bytes.count])
            try db.execute(
                sql: "INSERT INTO messageAttachment (messageId, fileName, mediaType, sha256) VALUES (?, ?, ?, ?)",
                arguments: [messageId, file.fileName, file.format.mediaType, sha256])
            return MessageAttachment(
                id: db.lastInsertedRowID, messageId: messageId, fileName: file.fileName, mediaType: file.format.mediaType,
                sizeBytes: file.bytes.count, sha256: sha256)
        }
    }

    static func attachment(row: Row) -> MessageAttachment {
        MessageAttachment(
            id: row["id"], messageId: row["messageId"], fileName: row["fileName"], mediaType: row["mediaType"],
            sizeBytes: row["sizeBytes"], sha256: row["sha256"])
    }

    public func events(ticketId: Int64) async throws -> [TicketEvent] {
        try await writer.read { try Self.events(ticketId, $0) }
    }

    static func events(_ ticketId: Int64, _ db: Database) throws -> [TicketEvent] {
        try TicketEventRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM ticketEvent WHERE ticketId = ? ORDER BY id"), arguments: [ticketId]).map(\.event)
    }

    public func addMessage(
        ticketId: Int64, author: TicketMessage.Author, authorUserId: Int64?, authorEmail: String?, body: String,
        channel: MessageChannel, inboundMessageId: String?, attachments: [NewAttachment], at instant: Date,
        decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> (Ticket, TicketMessage) {
        try await write { db in
            var ticket = try Self.ticketRecord(ticketId, db)
            let outcome = try decide(ticket.ticket)
            var message = TicketMessageRecord(
                id: nil, ticketId: ticketId, author: author.rawValue, authorUserId: authorUserId, authorEmail: authorEmail,
                body: body, channel: channel.rawValue, inboundMessageId: inboundMessageId, createdAt: instant)
            try Self.insertLetter(&message, db)
            let stored = try Self.insertAttachments(attachments, messageId: message.id ?? 0, db)
            ticket.take(outcome.ticket)
            for note in outcome.records {
                try TicketEventRecord.record(note.kind, note.detail, ticketId: ticketId, actor: authorUserId, at: instant, db)
            }
            for note in outcome.audit { try AuditRecorder.append(db, note, at: instant) }
            for letter in outcome.letters {
                try Self.queue(letter, ticketId: ticketId, at: instant, db)
            }
            try ticket.update(db)
            var added = message.message
            added.attachments = stored
            return (ticket.ticket, added)
        }
    }

    public func decideClass(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket {
        try await write { db in
            var ticket = try Self.ticketRecord(ticketId, db)
            try Self.apply(try decide(ticket.ticket), to: &ticket, actor: actorUserId, at: instant, db)
            return ticket.ticket
        }
    }

    /// Writes what a rule decided: the ticket's row, its record, its audit entries.
    static func apply(_ change: TicketChange, to ticket: inout TicketRecord, actor: Int64?, at instant: Date, _ db: Database) throws {
        ticket.take(change.ticket)
        try ticket.update(db)
        let id = ticket.id ?? 0
        for note in change.records {
            try TicketEventRecord.record(note.kind, note.detail, ticketId: id, actor: actor, at: instant, db)
        }
        for note in change.audit { try AuditRecorder.append(db, note, at: instant) }
        for letter in change.letters {
            try queue(letter, ticketId: id, at: instant, db)
        }
        if change.endsRemoteSessions {
            try endRemoteSessions(ticketId: id, tid: ticket.tid, ticketState: change.ticket.state, actor: actor, at: instant, db)
        }
    }

    public func escalate(
        ticketId: Int64, message: String, by userId: Int64?, workingDay: LocalDate, at instant: Date,
        decide: @escaping @Sendable (Ticket, _ toldAlready: Bool) -> Escalation
    ) async throws -> (ticket: Ticket, notified: Bool) {
        try await write { db in
            let ticket = try Self.ticketRecord(ticketId, db)
            let day = workingDay.description
            let toldAlready = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM ticketEscalation WHERE ticketId = ? AND moscowDate = ? AND notified)",
                arguments: [ticketId, day]) ?? false
            let escalation = decide(ticket.ticket, toldAlready)
            try db.execute(
                sql: "INSERT INTO ticketEscalation (ticketId, message, byUserId, moscowDate, notified, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [ticketId, message, userId, day, escalation.notify, instant])
            try TicketEventRecord.record(escalation.record.kind, escalation.record.detail, ticketId: ticketId, actor: userId, at: instant, db)
            for letter in escalation.letters {
                try Self.queue(letter, ticketId: ticketId, at: instant, db)
            }
            return (ticket.ticket, escalation.notify)
        }
    }

    public func changeState(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket {
        try await write { db in
            var ticket = try Self.ticketRecord(ticketId, db)
            try Self.apply(try decide(ticket.ticket), to: &ticket, actor: actorUserId, at: instant, db)
            return ticket.ticket
        }
    }

    public func changeLevel(
        ticketId: Int64, actorUserId: Int64, at instant: Date, decide: @escaping @Sendable (Ticket) throws -> TicketChange
    ) async throws -> Ticket {
        try await write { db in
            var ticket = try Self.ticketRecord(ticketId, db)
            try Self.apply(try decide(ticket.ticket), to: &ticket, actor: actorUserId, at: instant, db)
            return ticket.ticket
        }
    }

    public func rate(
        ticketId: Int64, score: Int, comment: String?, at instant: Date, check: @escaping @Sendable (Ticket) throws -> TicketRecordNote
    ) async throws -> Ticket {
        try await write { db in
            var ticket = try Self.ticketRecord(ticketId, db)
            let note = try check(ticket.ticket)
            ticket.rating = score
            ticket.ratingComment = comment
            try ticket.update(db)
            try TicketEventRecord.record(note.kind, note.detail, ticketId: ticketId, actor: nil, at: instant, db)
            return ticket.ticket
        }
    }

    public func confirmationSent(ticketId: Int64) async throws -> Bool {
        try await writer.read { try Self.confirmationSent(ticketId, $0) }
    }

    static func confirmationSent(_ ticketId: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM notification WHERE ticketId = ? AND kind = 'ticket-accepted' AND state = 'sent')
            """), arguments: [ticketId]) ?? false
    }

    public func notifications() async throws -> [OutboxNotification] {
        try await writer.read { try NotificationRecord.order(Column("id")).fetchAll($0).map(\.notification) }
    }

    /// Inserts a message; a letter whose Message-ID was filed before is refused by the unique index.
    static func insertLetter(_ message: inout TicketMessageRecord, _ db: Database) throws {
        do {
            try message.insertPrepared(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && message.inboundMessageId != nil {
            throw TicketStoreError.duplicateLetter
        }
    }

    public func ticketId(threadedBy messageIds: [String]) async throws -> Int64? {
        guard !messageIds.isEmpty else { return nil }
        return try await writer.read { db in
            let marks = messageIds.map { _ in "?" }.joined(separator: ", ")
            let arguments = StatementArguments(messageIds + messageIds)
            return try Int64.fetchOne(db, sql: """
                SELECT ticketId FROM notification WHERE messageId IN (\(marks)) AND ticketId IS NOT NULL
                UNION ALL SELECT ticketId FROM ticketMessage WHERE inboundMessageId IN (\(marks))
                LIMIT 1
                """, arguments: arguments)
        }
    }

    public func hasLetter(messageId: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM ticketMessage WHERE inboundMessageId = ?) OR EXISTS (SELECT 1 FROM heldLetter WHERE messageId = ?)
                """), arguments: [messageId, messageId]) ?? false
        }
    }

    /// How many tickets letters from `sender` opened since `instant` (`LetterCap`).
    static func ticketsOpenedByLetters(sender: String, since instant: Date, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM ticket t
            WHERE t.senderEmail = ? AND t.receivedAt >= ? AND t.createdByUserId IS NULL
              AND (SELECT m.channel FROM ticketMessage m WHERE m.ticketId = t.id ORDER BY m.id LIMIT 1) = 'email'
            """), arguments: [sender, instant]) ?? 0
    }

    public func holdLetter(
        sender: String, subject: String, body: String, messageId: String?, at instant: Date,
        decide: @escaping @Sendable (_ heldEarlierToday: Int, _ admins: [String]) -> Holding
    ) async throws -> Bool {
        try await write { db in
            if let messageId, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM heldLetter WHERE messageId = ?)", arguments: [messageId]) == true {
                return false
            }
            let dayStart = MoscowTime.startOfDay(of: instant)
            let heldToday = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM heldLetter WHERE sender = ? AND receivedAt >= ?", arguments: [sender, dayStart]) ?? 0
            try db.execute(
                sql: "INSERT INTO heldLetter (sender, subject, body, messageId, receivedAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [sender, subject, body, messageId, instant])
            let holding = decide(heldToday, try Self.adminAddresses(db))
            for letter in holding.letters { try Self.queue(letter, ticketId: nil, at: instant, db) }
            if let audit = holding.audit { try AuditRecorder.append(db, audit, at: instant) }
            return true
        }
    }

    public func heldLetters() async throws -> [HeldLetter] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM heldLetter ORDER BY receivedAt DESC, id DESC LIMIT 1000").map {
                HeldLetter(id: $0["id"], sender: $0["sender"], subject: $0["subject"], body: $0["body"], messageId: $0["messageId"], receivedAt: $0["receivedAt"])
            }
        }
    }

    /// Queues a letter a rule decided, in the caller's transaction.
    static func queue(_ letter: OutgoingLetter, ticketId: Int64?, at instant: Date, _ db: Database) throws {
        try notify(kind: letter.kind, ticketId: ticketId, recipient: letter.recipient, (letter.subject, letter.body), at: instant, db)
    }

    /// Puts a letter in the outbox, in the caller's transaction; returns its id.
    @discardableResult
    static func notify(kind: String, ticketId: Int64?, recipient: String, _ notice: (subject: String, body: String), at instant: Date, _ db: Database) throws -> Int64 {
        var record = NotificationRecord(
            id: nil, kind: kind, ticketId: ticketId, recipient: recipient, subject: notice.subject, body: notice.body, createdAt: instant, sentAt: nil)
        try record.insertPrepared(db)
        return record.id ?? db.lastInsertedRowID
    }

    /// The next TID of a year, in the caller's transaction, so a rolled-back acceptance leaves no gap.
    static func nextTID(year: Int, _ db: Database) throws -> String {
        // One statement, prepared once per connection: preparing this upsert anew for every ticket
        // was 5 % of the server's CPU while tickets were being filed.
        let number = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO tidSequence (year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last
            """), arguments: [year]) ?? 0
        return TicketID.format(year: year, number: number)
    }

    static func ticketRecord(_ id: Int64, _ db: Database) throws -> TicketRecord {
        guard let record = try TicketRecord.fetchOne(db, key: id) else { throw TicketStoreError.ticketNotFound }
        return record
    }
}

extension AppDatabase {
    /// ends the ticket's issued and active remote sessions with the change that decided
    /// so (`TicketChange.endsRemoteSessions`), in its transaction: an issued one is cancelled, an
    /// active one ended; credentials wiped (the write then empties the write-ahead log), audited.
    static func endRemoteSessions(ticketId: Int64, tid: String, ticketState: TicketState, actor: Int64?, at instant: Date, _ db: Database) throws {
        let open = try Row.fetchAll(
            db, sql: "SELECT id, state FROM remoteSession WHERE ticketId = ? AND state IN ('issued', 'active')", arguments: [ticketId])
        for row in open {
            let id: Int64 = row["id"]
            let state: RemoteSessionState = (row["state"] as String) == RemoteSessionState.issued.rawValue ? .cancelled : .ended
            try closeRemoteSession(
                id, as: state, endedAt: instant,
                audit: SessionAudit.endedWithTicket(id, tid: tid, as: state, ticketState: ticketState, by: actor), at: instant, db)
        }
    }

    /// Every way a remote session leaves `issued`/`active` — ended, cancelled, expired, with its
    /// ticket — in the caller's transaction: the state, the end, the credentials wiped, audited.
    static func closeRemoteSession(
        _ id: Int64, as state: RemoteSessionState, endedAt: Date, audit: AuditNote, at instant: Date, _ db: Database
    ) throws {
        try db.execute(
            sql: "UPDATE remoteSession SET state = ?, endedAt = ?, credentials = NULL WHERE id = ?", arguments: [state.rawValue, endedAt, id])
        try AuditRecorder.append(db, audit, at: instant)
    }
}
