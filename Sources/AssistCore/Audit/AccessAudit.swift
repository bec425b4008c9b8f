import Foundation

/// The audit entries of every change of who may do what and who pays what: customers,
/// contracts, licence addresses, commercial groups, users, API tokens, calendar revisions and
/// the billing settings in force. Each names the values before and after; none carries a
/// secret (a token is named by its number and label, never its value).
public enum AccessAudit {
    public static func customerCreated(_ customer: Customer, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "customer.created", subject: "customer:\(customer.id)",
            detail: "Customer «\(customer.name)» created (INN \(customer.inn ?? "none"), KPP \(customer.kpp ?? "none"))", actor: actor)
    }

    public static func contractCreated(_ contract: Contract, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "contract.created", subject: "customer:\(contract.customerId)",
            detail: "Contract \(contract.id): \(contract.tier.rawValue), \(contract.term.rawValue), \(contract.priceKopecks) kopecks, "
                + "from \(contract.startsOn) to \(contract.endsOn.map { "\($0)" } ?? "no end"), metered help rounded up to "
                + "\(contract.rounding.incrementSeconds) s with a minimum of \(contract.rounding.minimumSeconds) s",
            actor: actor)
    }

    public static func licenceEmailAdded(_ email: String, customerId: Int64, by actor: Int64?) -> AuditNote {
        AuditNote(action: "licence-email.added", subject: "customer:\(customerId)", detail: "Licence address \(email) added", actor: actor)
    }

    public static func licenceEmailRemoved(_ email: String, customerId: Int64, by actor: Int64?) -> AuditNote {
        AuditNote(action: "licence-email.removed", subject: "customer:\(customerId)", detail: "Licence address \(email) removed", actor: actor)
    }

    public static func groupCreated(_ group: CommercialGroup, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "group.created", subject: "customer:\(group.customerId)",
            detail: "Commercial group \(group.id) «\(group.name)» created with \(members(group.members))", actor: actor)
    }

    /// A group renamed or its members changed (R-4.7: who gets the paid level by mail).
    public static func groupChanged(from before: CommercialGroup, to after: CommercialGroup, by actor: Int64?) -> AuditNote {
        var changes: [String] = []
        if before.name != after.name { changes.append("renamed «\(before.name)» → «\(after.name)»") }
        let added = Set(after.members).subtracting(before.members).sorted(), removed = Set(before.members).subtracting(after.members).sorted()
        if !added.isEmpty { changes.append("added " + added.joined(separator: ", ")) }
        if !removed.isEmpty { changes.append("removed " + removed.joined(separator: ", ")) }
        return AuditNote(
            action: "group.changed", subject: "customer:\(after.customerId)",
            detail: "Commercial group \(after.id) «\(after.name)»: \(changes.isEmpty ? "nothing changed" : changes.joined(separator: "; ")); now \(members(after.members))",
            actor: actor)
    }

    public static func groupDeleted(_ group: CommercialGroup, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "group.deleted", subject: "customer:\(group.customerId)",
            detail: "Commercial group \(group.id) «\(group.name)» deleted; it had \(members(group.members))", actor: actor)
    }

    public static func userCreated(_ user: UserAccount, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "user.created", subject: "user:\(user.id)",
            detail: "User «\(user.displayName)» (\(user.email ?? "no e-mail")) created as \(user.role.rawValue)"
                + (user.customerId.map { " of customer \($0)" } ?? "") + (actor == nil ? " offline" : ""),
            actor: actor)
    }

    /// What changed between `before` and `after`, or nil when nothing did.
    public static func userChanged(from before: UserAccount, to after: UserAccount, by actor: Int64?) -> AuditNote? {
        var changes: [String] = []
        if before.role != after.role { changes.append("role \(before.role.rawValue) → \(after.role.rawValue)") }
        if before.disabled != after.disabled { changes.append(after.disabled ? "disabled" : "enabled") }
        if before.displayName != after.displayName { changes.append("name «\(before.displayName)» → «\(after.displayName)»") }
        if before.phone != after.phone { changes.append("phone \(before.phone ?? "none") → \(after.phone ?? "none")") }
        if before.onDuty != after.onDuty { changes.append(after.onDuty ? "on duty" : "off duty") }
        guard !changes.isEmpty else { return nil }
        let action = before.role != after.role ? "user.role.changed" : before.disabled != after.disabled ? (after.disabled ? "user.disabled" : "user.enabled") : "user.changed"
        return AuditNote(action: action, subject: "user:\(after.id)", detail: "User changed: " + changes.joined(separator: "; "), actor: actor)
    }

    public static func tokenIssued(_ token: AccessTokenInfo, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "token.issued", subject: "user:\(token.userId)",
            detail: "API token \(token.id) «\(token.label)» issued, valid until \(MoscowTime.format(token.expiresAt))", actor: actor)
    }

    public static func tokenRevoked(_ token: AccessTokenInfo, by actor: Int64?) -> AuditNote {
        AuditNote(action: "token.revoked", subject: "user:\(token.userId)", detail: "API token \(token.id) «\(token.label)» revoked", actor: actor)
    }

    public static func calendarSaved(revision: Int, years: [Int], note: String, by actor: Int64?) -> AuditNote {
        AuditNote(
            action: "calendar.revised", subject: "calendar",
            detail: "Production calendar revision \(revision) saved (years \(years.map(String.init).joined(separator: ", "))): \(note)", actor: actor)
    }

    /// The billing settings a server started with (rates, paying tiers, the monthly VIP price,
    /// VAT, the seller's requisites): recorded when they differ from the last ones recorded.
    public static func billingApplied(_ billing: BillingPolicy, invoicing: InvoicingSettings, vipMonthKopecks: Int64?) -> AuditNote {
        let rates = billing.rateChanges.sorted { ($0.kind.rawValue, $0.effectiveFrom) < ($1.kind.rawValue, $1.effectiveFrom) }
            .map { "\($0.kind.rawValue)@\($0.effectiveFrom)=\($0.kopecksPerHour)" }
        let seller = invoicing.seller.map { "«\($0.name)», INN \($0.inn), KPP \($0.kpp ?? "none"), BIK \($0.bik), account \($0.account)" }
        let parts = [
            "rates " + (rates.isEmpty ? "the regulation's \(MeteredQuote.standardRateKopecksPerHour) kopecks/hour" : rates.joined(separator: ",")),
            "paying tiers " + billing.payingTiers.map(\.rawValue).sorted().joined(separator: ","),
            "monthly VIP price " + (vipMonthKopecks.map { "\($0) kopecks" } ?? "not set"),
            "VAT " + (invoicing.vat?.caption ?? "not set"),
            "seller " + (seller ?? "not set"),
        ]
        return AuditNote(action: "settings.billing.applied", subject: "settings", detail: "Billing settings in force: " + parts.joined(separator: "; "), actor: nil)
    }

    /// A console password set `how` (offline, by its owner, through a one-time link); the hash
    /// never reaches the log.
    public static func passwordSet(userId: Int64, how: String, by actor: Int64?) -> AuditNote {
        AuditNote(action: "user.password.set", subject: "user:\(userId)", detail: "Console password \(how)", actor: actor)
    }

    private static func members(_ members: [String]) -> String {
        members.isEmpty ? "no members" : "members " + members.joined(separator: ", ")
    }
}
