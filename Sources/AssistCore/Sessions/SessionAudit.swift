import Foundation

/// what the audit log says of remote sessions, whichever engine stores them — never a
/// code, a PIN or a password.
public enum SessionAudit {
    public static func opened(_ session: NewRemoteSession, id: Int64) -> AuditNote {
        AuditNote(
            action: "session.opened", subject: "ticket:\(session.tid)",
            detail: "Remote session \(id) (\(session.tool.rawValue)) issued by \(session.agentName)", actor: session.agentUserId)
    }

    public static func credentialsRead(_ session: RemoteSession, by userId: Int64, role: String) -> AuditNote {
        AuditNote(
            action: "session.credentials.read", subject: "ticket:\(session.tid)",
            detail: "Credentials of remote session \(session.id) read by user \(userId) (\(role))", actor: userId)
    }

    public static func joined(_ session: RemoteSession, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "session.joined", subject: "ticket:\(session.tid)", detail: "Remote session \(session.id) joined by the customer", actor: userId)
    }

    public static func pinReissued(_ session: RemoteSession, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "session.pin.reissued", subject: "ticket:\(session.tid)", detail: "A new PIN for remote session \(session.id) was issued",
            actor: userId)
    }

    /// A wrong PIN, counted (`failures` of the limit); never the PIN tried.
    public static func pinFailed(_ session: RemoteSession, failures: Int, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "session.pin.failed", subject: "ticket:\(session.tid)",
            detail: "Wrong PIN for remote session \(session.id) (\(failures) of \(RemoteSession.pinAttemptLimit))", actor: userId)
    }

    public static func pinLocked(_ session: RemoteSession, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "session.pin.locked", subject: "ticket:\(session.tid)",
            detail: "The PIN of remote session \(session.id) is locked after \(RemoteSession.pinAttemptLimit) wrong PINs; the agent issues a new one",
            actor: userId)
    }

    /// Ended or cancelled by a person.
    public static func finished(_ id: Int64, tid: String, as state: RemoteSessionState, by userId: Int64) -> AuditNote {
        AuditNote(action: "session.\(state.rawValue)", subject: "ticket:\(tid)", detail: "Remote session \(id) \(state.rawValue); credentials wiped", actor: userId)
    }

    /// Ended or cancelled with its ticket, now `ticketState` (`TicketChange.endsRemoteSessions`).
    public static func endedWithTicket(_ id: Int64, tid: String, as state: RemoteSessionState, ticketState: TicketState, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "session.\(state.rawValue)", subject: "ticket:\(tid)",
            detail: "Remote session \(id) \(state.rawValue) with the ticket (the ticket is \(ticketState.rawValue)); credentials wiped (R-1.4)", actor: actor)
    }

    /// Nobody joined by `deadline`: expired.
    public static func expired(_ id: Int64, tid: String, deadline: Date) -> AuditNote {
        AuditNote(
            action: "session.expired", subject: "ticket:\(tid)",
            detail: "Remote session \(id) expired: nobody joined by \(MoscowTime.format(deadline)); credentials wiped (R-1.4)", actor: nil)
    }

    /// Ran past its longest allowed time: ended.
    public static func ranTooLong(_ id: Int64, tid: String) -> AuditNote {
        AuditNote(
            action: "session.ended", subject: "ticket:\(tid)",
            detail: "Remote session \(id) ended: it ran past its longest allowed time; credentials wiped (R-1.4)", actor: nil)
    }
}
