/// What a change to a user may not do, on every engine.: an agent responsible for open
/// VIP tickets (whose customers were given their phone) keeps the role until they are reassigned;
/// duty is an agent's, so one who leaves the role goes off duty. And the desk keeps an enabled
/// admin: the last one can be neither demoted nor disabled, or nobody could administer it.
public enum AccountRule {
    /// `user` as `change` leaves it (an agent leaving the role goes off duty).
    public static func changed(_ user: UserAccount, by change: UserChange) -> UserAccount {
        let role = change.role ?? user.role
        var changed = UserAccount(
            id: user.id, displayName: change.displayName ?? user.displayName, email: user.email, role: role, customerId: user.customerId,
            phone: change.phone ?? user.phone, onDuty: change.onDuty ?? user.onDuty, disabled: change.disabled ?? user.disabled,
            createdAt: user.createdAt)
        if user.role == .agent, role != .agent { changed.onDuty = false }
        return changed
    }

    /// Whether `before` may become `after`, given the open VIP tickets it is responsible for and
    /// how many enabled admins there are besides it (read in the transaction that writes it).
    public static func check(
        _ before: UserAccount, becoming after: UserAccount, openVIPTickets: Int, otherEnabledAdmins: Int
    ) throws(AccountStoreError) {
        if before.role == .agent, after.role != .agent, openVIPTickets > 0 { throw .holdsVIPTickets(openVIPTickets) }
        let stopsBeingAdmin = before.role == .admin && !before.disabled && (after.role != .admin || after.disabled)
        if stopsBeingAdmin, otherEnabledAdmins == 0 { throw .lastAdmin }
    }
}
