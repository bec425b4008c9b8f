import AssistCore

/// Refusals that several use cases share; each code's sentence is written here once.
extension DeskError {
    public static func invalidField(_ field: String, _ problem: String) -> DeskError {
        DeskError(.invalid, code: .invalidField, title: "Invalid field", detail: "The field '\(field)' \(problem).")
    }

    public static let unauthenticated = DeskError(
        .unauthenticated, code: .unauthenticated, title: "Authentication required",
        detail: "Send your token as 'Authorization: Bearer <token>'; an admin issues tokens (assist tokens create).")

    public static let invalidToken = DeskError(
        .unauthenticated, code: .invalidToken, title: "Invalid token",
        detail: "The token is unknown, expired or revoked, or its user is disabled: ask an admin for a new one.")

    public static func forbidden(_ detail: String) -> DeskError {
        DeskError(.forbidden, code: .forbidden, title: "Not allowed", detail: detail)
    }

    public static func notFound(_ what: String) -> DeskError {
        DeskError(.notFound, code: .notFound, title: "Not found", detail: "There is no \(what) with that id: check the id.")
    }

    public static let ticketNotFound = DeskError(
        .notFound, code: .ticketNotFound, title: "No such ticket",
        detail: "There is no ticket with that TID for you: check it, e.g. TID-2026-000042.")

    public static func ticketClosed(_ tid: String) -> DeskError {
        DeskError(.conflict, code: .ticketClosed, title: "Ticket closed", detail: "\(tid) is closed: open a new ticket for a new question.")
    }

    public static func customerNotFound(_ id: Int64) -> DeskError {
        DeskError(
            .unprocessable, code: .customerNotFound, title: "No such customer",
            detail: "There is no customer \(id): check the id (GET /v1/customers), or create the customer first.")
    }

    public static let accountingReadsOnly = forbidden("Accounting may read tickets but not write to them.")

    /// R-1.5: the one-time phone install is spent; remote access is the way now (R-1.4) — or,
    /// where the contract includes the phone (`billedOn`: the ticket and the tier), billed phone help.
    public static func phoneInstallUsed(usedOn tid: String?, billedOn: (tid: String, tier: ContractTier)? = nil) -> DeskError {
        let used = "The customer's one-time phone install was used\(tid.map { " on \($0)" } ?? "")"
        let instead = billedOn.map {
            "further install help over the phone is part of the \($0.tier.rawValue) contract (R-2.6) and billed — time it with POST /v1/tickets/\($0.tid)/metered, channel phone-install (R-1.5)."
        } ?? "help now goes through remote access with TeamViewer or AmmyAdmin (R-1.4, R-1.5)."
        return DeskError(.conflict, code: .phoneInstallUsed, title: "Phone install already used", detail: "\(used): \(instead)")
    }

    /// A ticket resolved, refused or closed: `doing` waits until it is reopened.
    public static func ticketNotOpen(_ tid: String, _ state: TicketState, doing: String) -> DeskError {
        DeskError(.conflict, code: .ticketNotOpen, title: "Ticket not open", detail: "\(tid) is \(state.rawValue): reopen it before \(doing).")
    }

    public static let sessionNotFound = DeskError(
        .notFound, code: .sessionNotFound, title: "No such session", detail: "There is no remote session with that id for you: check it.")

    public static let invoiceNotFound = DeskError(
        .notFound, code: .invoiceNotFound, title: "No such invoice",
        detail: "There is no invoice with that number for you: check it, e.g. 2026-000001.")

    public static func agentHasRunningSession(_ id: Int64) -> DeskError {
        DeskError(
            .conflict, code: .agentHasRunningSession, title: "A session is running",
            detail: "You have metered session \(id) running: stop it first (POST /v1/metered/\(id)/stop); an agent times one thing at a time.")
    }

    /// R-4.6: which files were refused and why (format, size or count).
    public static func attachmentRefused(_ reasons: [String]) -> DeskError {
        DeskError(
            .unprocessable, code: .attachmentRefused, title: "Attachment refused",
            detail: reasons.joined(separator: " ") + " Send the message again without these files, or with screenshots in JPG, GIF or PNG (BMP inside ZIP or RAR).")
    }
}
