/// R-3.2: what the audit log says of metered help, whichever engine stores it.
public enum MeteringAudit {
    public static func started(_ id: Int64, tid: String, _ start: HelpStart, by userId: Int64) -> AuditNote {
        AuditNote(action: "metering.started", subject: "ticket:\(tid)", detail: "Metered session \(id) started: \(start.detail)", actor: userId)
    }

    public static func stopped(_ session: MeteredSession, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "metering.stopped", subject: "ticket:\(session.tid)",
            detail: "Metered session \(session.id) stopped: \(session.rawSeconds ?? 0) s raw, \(session.billedSeconds ?? 0) s billed, \(session.amountKopecks ?? 0) kopecks\(session.flaggedForReview ? ", flagged for review" : "")",
            actor: userId)
    }

    public static func corrected(_ before: MeteredSession, to after: MeteredSession, reason: String, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "metering.corrected", subject: "ticket:\(before.tid)",
            detail: "Metered session \(before.id) corrected: \(before.kind.rawValue) → \(after.kind.rawValue), \(before.rawSeconds ?? 0) s → \(after.rawSeconds ?? 0) s raw, \(before.amountKopecks ?? 0) → \(after.amountKopecks ?? 0) kopecks; reason: \(reason)",
            actor: userId)
    }
}
