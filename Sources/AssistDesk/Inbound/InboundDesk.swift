import AssistCore
import Foundation

/// e-mail whose subject carries a TID (or that answers one of our letters) is appended to
/// that ticket, if the sender may write to it; other e-mail opens a new ticket for the sender's
/// customer (R-4.7 decides the level by the address, vouched for by the receiving server); a
/// sender beyond the day's cap is held for staff; anything else is refused with the reason.
/// Letters from the mailbox (`takeLetter`) and from the mail gateway's API (`take`) take the
/// same path.
public struct InboundDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let tickets: TicketDesk
    let newTicketsPerSenderPerDay: Int

    /// Takes one e-mail handed in by the mail gateway (an admin's or agent's credentials): filed
    /// as `takeLetter` files a letter from the mailbox, its refusals answered with a status.
    public func take(
        _ actor: UserAccount, _ mail: InboundMail, authenticationResults: [AuthenticationResult]?, headAddress: String?
    ) async throws -> InboundResult {
        try actor.require(.admin, .agent)
        guard let sender = try AccountValidation.email(mail.from) else { throw DeskError.invalidField("from", "is missing: add it") }
        let recipients = try Self.addresses(mail.to, field: "to") + Self.addresses(mail.cc, field: "cc")
        let body = try TextValidation.text(mail.body, field: "body", maximum: 20_000)
        // As a letter's: read for a TID, made one line of at most 200 characters for a new ticket —
        // a long "Re: Re: …" subject is no reason to lose the letter.
        let subject = mail.subject
        let messageId = try mail.messageId.map { try TextValidation.line($0, field: "messageId", maximum: 500) }
        let outcome = try await takeLetter(InboundLetter(
            from: sender, subject: subject, text: body, messageId: messageId, threadIds: [], authenticationResults: authenticationResults,
            toHeadOfSupport: headAddress.map { recipients.contains($0.lowercased()) } ?? false))
        switch outcome {
        case .appended(let tid):
            return InboundResult(action: .appended, tid: tid, ticket: try await stores.tickets.ticket(tid: tid))
        case .opened(let tid):
            return InboundResult(action: .opened, tid: tid, ticket: try await stores.tickets.ticket(tid: tid))
        case .held:
            return InboundResult(action: .held, tid: nil, ticket: nil)
        case .duplicate:
            return InboundResult(action: .duplicate, tid: nil, ticket: nil)
        case .refused(let code, _, _):
            throw Self.refusal(code, sender: sender, subject: subject)
        }
    }

    /// The `to` or `cc` addresses handed in, lower-cased: at most 100, each an address.
    static func addresses(_ list: [String]?, field: String) throws -> [String] {
        guard let list else { return [] }
        guard list.count <= 100 else { throw DeskError.invalidField(field, "has more than 100 addresses: hand in the letter's own To and Cc") }
        return try list.compactMap { try AccountValidation.email($0)?.lowercased() }
    }

    /// A letter's refusal as the API answers it; the sender was told by mail (at most once a day).
    static func refusal(_ code: DeskError.Code, sender: String, subject: String) -> DeskError {
        switch code {
        case .ticketClosed:
            return DeskError.ticketClosed(TicketID.find(in: subject) ?? "The ticket")
        case .senderNotAllowed:
            return DeskError(
                .unprocessable, code: code, title: "Sender may not write to this ticket",
                detail: "\(sender) is neither the ticket's sender nor one of its customer's registered addresses or enabled users: the message was not filed.")
        case .ambiguousSender:
            return DeskError(
                .unprocessable, code: code, title: "Sender of several customers",
                detail: "\(sender) is registered with several customers: the message was not filed; an agent should file it for the right one.")
        default:
            return DeskError(
                .unprocessable, code: .unknownSender, title: "Unknown sender",
                detail: "\(sender) belongs to no customer (licence, commercial group or enabled user): the message was not filed; register the address first.")
        }
    }

    /// Letters held beyond their sender's daily cap, newest first, for staff to read and, where
    /// one matters, file by hand.
    public func heldLetters(_ actor: UserAccount) async throws -> [HeldLetter] {
        try actor.require(.admin, .agent)
        return try await stores.tickets.heldLetters()
    }

    private func senderMayWrite(_ sender: String, to ticket: Ticket) async throws -> Bool {
        if sender == ticket.senderEmail { return true }
        if try await stores.contracts.isRegisteredSender(sender, customerId: ticket.customerId) { return true }
        return try await stores.accounts.users(email: sender).contains { $0.customerId == ticket.customerId && !$0.disabled }
    }

    // MARK: - Letters from the mail channel

    /// Files a customer's letter: onto the ticket its subject's TID (or its In-Reply-To /
    /// References to one of our letters) names, if the sender may write there; else as a new
    /// ticket for a known sender; else not at all, with one polite answer a day saying why.
    ///
    /// No signed-in user: the mail channel (the MTA pipe, the IMAP poller) runs inside the
    /// product, and the sender's address — vouched for or not by the receiving server
    /// (`SenderTrust`) — is what the rules look at.
    public func takeLetter(_ letter: InboundLetter) async throws -> LetterOutcome {
        guard let sender = EmailAddress.normalized(letter.from) else {
            return .refused(code: .noSender, reason: "the letter has no sender address", answered: false)
        }
        if let messageId = letter.messageId, try await stores.tickets.hasLetter(messageId: messageId) { return .duplicate }
        let text = letter.text.trimming(.whitespacesAndNewlines)
        let body = text.isEmpty ? "(пустое письмо)" : String(text.unicodeScalars.prefix(20_000))
        let trust = SenderTrust.judge(letter.authenticationResults, sender: sender)
        // the letter is filed with the files that pass; the sender hears which did not.
        let files = AttachmentIntake(letter.attachments, limits: tickets.attachmentLimits, deflate: tickets.deflate)
        do {
            if let ticket = try await threadedTicket(letter) {
                guard try await senderMayWrite(sender, to: ticket) else {
                    return try await refuse(sender, code: .senderNotAllowed, reason: MailAnswers.notAllowed(tid: ticket.tid))
                }
                do {
                    _ = try await tickets.append(
                        to: ticket, author: .customer, userId: nil, email: sender, body: body, channel: .email, letterId: letter.messageId,
                        attachments: files.accepted, notes: SenderTrust.appendNote(trust, sender: sender).map { [$0] } ?? [])
                } catch let error as DeskError where error.code == .ticketClosed {
                    return try await refuse(sender, code: .ticketClosed, reason: MailAnswers.closed(tid: ticket.tid))
                }
                try await answerRefusedFiles(files, sender: sender, tid: ticket.tid)
                try await escalateIfToHead(letter, ticket: ticket, body: body)
                return .appended(tid: ticket.tid)
            }
            let fromUsers = try await stores.accounts.users(email: sender).filter { !$0.disabled }.compactMap(\.customerId)
            let customers = Set(try await stores.contracts.customerIds(registeringSender: sender) + fromUsers)
            guard customers.count == 1, let customerId = customers.first else {
                return try await refuse(
                    sender, code: customers.isEmpty ? .unknownSender : .ambiguousSender,
                    reason: customers.isEmpty ? MailAnswers.unknownSender() : MailAnswers.ambiguousSender())
            }
            let subject = Self.oneLine(letter.subject)
            let ticket = try await tickets.accept(
                customerId: customerId, sender: sender, subject: subject.isEmpty ? "(без темы)" : subject, description: body, steps: nil,
                version: TicketDesk.unknownVersion, problemClass: .standard, createdBy: nil, channel: .email, letterId: letter.messageId,
                attachments: files.accepted, trust: trust, letterCap: newTicketsPerSenderPerDay).ticket
            try await answerRefusedFiles(files, sender: sender, tid: ticket.tid)
            try await escalateIfToHead(letter, ticket: ticket, body: body)
            return .opened(tid: ticket.tid)
        } catch TicketStoreError.duplicateLetter {
            return .duplicate
        } catch let reached as LetterCap.Reached {
            return try await hold(letter, sender: sender, body: body, cap: reached.cap)
        }
    }

    /// a letter to the head of support's published address is the regulation's own way to
    /// escalate — for a customer who writes only by mail too: the ticket it joined or opened is
    /// escalated with its text (the head told at most once per ticket per working day).
    private func escalateIfToHead(_ letter: InboundLetter, ticket: Ticket, body: String) async throws {
        guard letter.toHeadOfSupport else { return }
        _ = try await tickets.escalate(ticket, message: String(body.unicodeScalars.prefix(5_000)), by: nil)
    }

    /// R-4.4's guard (`LetterCap`): the letter is kept for staff, the sender told once a day.
    private func hold(_ letter: InboundLetter, sender: String, body: String, cap: Int) async throws -> LetterOutcome {
        let now = clock.now
        guard try await stores.tickets.holdLetter(
            sender: sender, subject: Self.oneLine(letter.subject), body: body, messageId: letter.messageId, at: now,
            decide: { held, admins in LetterCap.holding(sender: sender, cap: cap, heldEarlierToday: held, admins: admins) })
        else { return .duplicate }
        let answer = MailAnswers.held(cap: cap)
        let answered = try await answerOnce(OutgoingLetter(kind: "mail-held-answer", recipient: sender, answer))
        return .held(answered: answered)
    }

    /// A delivery report for one of our letters: it failed, its address is flagged. Anyone can
    /// write a report, so it counts only when it names both a Message-ID we made (random, never
    /// shown before the letter left) and that letter's recipient among the failed ones.
    public func takeBounce(originalMessageId: String, failedRecipients: [String], reason: String) async throws -> Bool {
        guard !failedRecipients.isEmpty else { return false }
        return try await stores.outbox.markBounced(
            messageId: originalMessageId, recipients: failedRecipients.map { $0.lowercased() }, reason: reason, at: clock.now)
    }

    private func threadedTicket(_ letter: InboundLetter) async throws -> Ticket? {
        if let tid = TicketID.find(in: letter.subject), let ticket = try await stores.tickets.ticket(tid: tid) { return ticket }
        guard let id = try await stores.tickets.ticketId(threadedBy: letter.threadIds) else { return nil }
        return try await stores.tickets.ticket(id: id)
    }

    private func refuse(_ sender: String, code: DeskError.Code, reason: (subject: String, body: String)) async throws -> LetterOutcome {
        let answered = try await answerOnce(OutgoingLetter(kind: "mail-refused", recipient: sender, reason))
        return .refused(code: code, reason: reason.subject, answered: answered)
    }

    /// tells the sender which files were not filed and why — once a day at most, so a
    /// sender whose every letter carries a BMP (or a loop) is not answered every time.
    private func answerRefusedFiles(_ files: AttachmentIntake, sender: String, tid: String) async throws {
        guard !files.refused.isEmpty else { return }
        let answer = MailAnswers.filesRefused(tid: tid, reasons: files.refused)
        _ = try await answerOnce(OutgoingLetter(kind: "attachment-refused", recipient: sender, answer))
    }

    /// An automatic answer, unless one of its kind went to the sender today (`AnswerLimit`).
    private func answerOnce(_ letter: OutgoingLetter) async throws -> Bool {
        let now = clock.now
        return try await stores.outbox.queue(letter, unlessQueuedSince: AnswerLimit.countingSince(now), at: now)
    }

    /// A subject as a line: control characters and line breaks become spaces, at most 200 characters.
    static func oneLine(_ text: String) -> String {
        let scalars = text.unicodeScalars.map { $0.value < 32 || (0x7F...0x9F).contains($0.value) ? " " : Character($0) }
        return String(String(scalars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ").unicodeScalars.prefix(200))
    }
}
