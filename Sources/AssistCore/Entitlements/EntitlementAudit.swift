/// what the audit log says of the one-time phone install, whichever engine stores it.
public enum EntitlementAudit {
    public static func used(customerId: Int64, tid: String, by userId: Int64) -> AuditNote {
        AuditNote(
            action: "entitlement.phone-install.used", subject: "customer:\(customerId)", detail: "One-time phone install used on \(tid) (R-1.5)",
            actor: userId)
    }

    public static func restored(customerId: Int64, reason: String, by userId: Int64) -> AuditNote {
        AuditNote(action: "entitlement.phone-install.restored", subject: "customer:\(customerId)", detail: "Restored: \(reason)", actor: userId)
    }
}
