import AssistCore
import Foundation

/// Customers, users and tokens. Each use case checks the role; a customer user asking for
/// another customer's data gets "not found", not "forbidden".
public struct AccountDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let tokens: TokenIssuer

    /// How long a token lives when its creator does not say.
    public static let defaultTokenDays = 90

    init(stores: DeskStores, clock: any WallClock, secrets: any Secrets) {
        self.stores = stores
        self.clock = clock
        self.tokens = TokenIssuer(secrets: secrets)
    }

    // MARK: - Signing in

    /// The user a bearer token belongs to, if it is valid now; never logs or keeps the token.
    public func authenticate(token secret: String) async throws -> UserAccount {
        guard secret.hasPrefix(TokenIssuer.prefix), let user = try await stores.accounts.user(forTokenHash: tokens.hash(of: secret), at: clock.now) else {
            throw DeskError.invalidToken
        }
        return user
    }

    /// An agent comes on or goes off duty; coming on takes the VIP tickets that wait.
    public func setOwnDuty(_ actor: UserAccount, _ input: AccountInputs.DutyPatch) async throws -> UserAccount {
        try actor.require(.agent)
        let now = clock.now
        guard let updated = try await stores.accounts.updateUser(
            id: actor.id, UserChange(onDuty: input.onDuty), at: now, audit: { AccessAudit.userChanged(from: $0, to: $1, by: actor.id) })
        else {
            throw DeskError.notFound("user")
        }
        if input.onDuty {
            _ = try await stores.vip.assignPendingVIPTickets(at: now, decide: VIPAssignment.assign)
        }
        return updated
    }

    // MARK: - Customers

    /// Creates a customer; an INN belongs to one customer only (the store's unique index).
    public func createCustomer(_ actor: UserAccount, _ input: AccountInputs.NewCustomer) async throws -> Customer {
        try actor.require(.admin)
        let name = try AccountValidation.name(input.name, field: "name")
        let inn = try AccountValidation.inn(input.inn)
        let kpp = try AccountValidation.kpp(input.kpp)
        do {
            return try await stores.accounts.createCustomer(
                name: name, inn: inn, kpp: kpp, at: clock.now, audit: { AccessAudit.customerCreated($0, by: actor.id) })
        } catch AccountStoreError.innTaken(let inn, let id, let holder) {
            // The database's unique index decides, so two creations at once cannot both pass.
            throw DeskError(
                .conflict, code: .innTaken, title: "INN already registered",
                detail: "Customer \(id) («\(holder)») already has the INN \(inn): use that customer, or check the INN.")
        }
    }

    /// Customers; a customer user gets its own.
    public func customers(_ actor: UserAccount) async throws -> [Customer] {
        try actor.require(.admin, .agent, .accounting, .customer)
        let all = try await stores.accounts.customers()
        return actor.role == .customer ? all.filter { $0.id == actor.customerId } : all
    }

    public func customer(_ actor: UserAccount, id: Int64) async throws -> Customer {
        try await CustomerAccess.visibleCustomer(id, actor: actor, accounts: stores.accounts)
    }

    // MARK: - Users

    public func createUser(_ actor: UserAccount, _ input: AccountInputs.NewUser) async throws -> UserAccount {
        try actor.require(.admin)
        let role = try AccountValidation.role(input.role)
        if role == .customer, input.customerId == nil {
            throw DeskError.invalidField("customerId", "is missing: a customer user belongs to a customer, give its id")
        }
        if role != .customer, input.customerId != nil {
            throw DeskError.invalidField("customerId", "is only for customer users: leave it out for \(role.rawValue)")
        }
        let newUser = NewUser(
            displayName: try AccountValidation.name(input.displayName, field: "displayName"),
            email: try AccountValidation.email(input.email), role: role, customerId: input.customerId,
            phone: try AccountValidation.phone(input.phone))
        do {
            return try await stores.accounts.createUser(newUser, at: clock.now, audit: { AccessAudit.userCreated($0, by: actor.id) })
        } catch AccountStoreError.emailTaken(let email) {
            throw DeskError(
                .conflict, code: .emailTaken, title: "E-mail address in use",
                detail: "Another user already has \(email): use a different address, or change that user.")
        } catch AccountStoreError.customerNotFound(let id) {
            throw DeskError.customerNotFound(id)
        }
    }

    public func users(_ actor: UserAccount) async throws -> [UserAccount] {
        try actor.require(.admin)
        return try await stores.accounts.users()
    }

    /// A user: admins see anyone, everyone else only themselves.
    public func user(_ actor: UserAccount, id: Int64) async throws -> UserAccount {
        guard actor.role == .admin || actor.id == id, let found = try await stores.accounts.user(id: id) else {
            throw DeskError.notFound("user")
        }
        return found
    }

    /// An admin changes a user — name, phone, duty, enabled or not, a staff user's role; an
    /// agent put on duty or given a phone takes the VIP tickets that wait. Audited with the
    /// values before and after. No change may leave the desk without an enabled admin.
    public func updateUser(_ actor: UserAccount, id: Int64, _ input: AccountInputs.UserPatch) async throws -> UserAccount {
        try actor.require(.admin)
        var role: Role?
        if let text = input.role {
            let staff: [Role] = [.admin, .agent, .accounting]
            guard let parsed = Role(rawValue: text), staff.contains(parsed) else {
                throw DeskError.invalidField("role", "must be one of \(staff.map(\.rawValue).joined(separator: ", ")): a customer user is made anew for its customer")
            }
            guard let user = try await stores.accounts.user(id: id) else { throw DeskError.notFound("user") }
            guard user.role != .customer else {
                throw DeskError.invalidField("role", "cannot be changed for a customer user: make a staff user instead")
            }
            role = parsed
        }
        let change = UserChange(
            displayName: try input.displayName.map { try AccountValidation.name($0, field: "displayName") },
            phone: try AccountValidation.phone(input.phone), onDuty: input.onDuty, disabled: input.disabled, role: role)
        let now = clock.now
        let user: UserAccount?
        do {
            user = try await stores.accounts.updateUser(id: id, change, at: now, audit: { AccessAudit.userChanged(from: $0, to: $1, by: actor.id) })
        } catch AccountStoreError.lastAdmin {
            throw DeskError(
                .conflict, code: .lastAdmin, title: "The last admin",
                detail: "This would leave no enabled admin: make another user an admin first.")
        } catch AccountStoreError.holdsVIPTickets(let count) {
            throw DeskError(
                .conflict, code: .agentHoldsVipTickets, title: "Responsible for VIP tickets",
                detail: "The agent is responsible for \(count) open VIP ticket(s), whose customers have their phone (R-2.5.3): reassign them first.")
        }
        guard let user else { throw DeskError.notFound("user") }
        if change.onDuty == true || change.phone != nil {
            _ = try await stores.vip.assignPendingVIPTickets(at: now, decide: VIPAssignment.assign)
        }
        return user
    }

    // MARK: - Tokens

    /// Issues a token for a user; the answer is the only time its secret is shown.
    public func createToken(_ actor: UserAccount, userId: Int64, _ input: AccountInputs.NewToken) async throws -> IssuedToken {
        try actor.require(.admin)
        guard let owner = try await stores.accounts.user(id: userId) else { throw DeskError.notFound("user") }
        let days = input.expiresInDays ?? Self.defaultTokenDays
        guard (1...3650).contains(days) else {
            throw DeskError.invalidField("expiresInDays", "must be from 1 to 3650: send a number of days")
        }
        let label = try AccountValidation.name(input.label ?? "token", field: "label")
        let issued = try tokens.issue()
        let now = clock.now
        let info = try await stores.accounts.addToken(
            userId: owner.id, tokenHash: issued.hash, label: label, createdAt: now, expiresAt: now.addingTimeInterval(TimeInterval(days) * 86_400),
            audit: { AccessAudit.tokenIssued($0, by: actor.id) })
        return IssuedToken(id: info.id, userId: owner.id, label: label, token: issued.secret, expiresAt: info.expiresAt)
    }

    /// A user's tokens, never the tokens themselves.
    public func tokens(_ actor: UserAccount, userId: Int64) async throws -> [AccessTokenInfo] {
        try actor.require(.admin)
        guard try await stores.accounts.user(id: userId) != nil else { throw DeskError.notFound("user") }
        return try await stores.accounts.tokens(userId: userId)
    }

    /// Revokes a token: admins any, everyone else their own.
    public func revokeToken(_ actor: UserAccount, id: Int64) async throws -> AccessTokenInfo {
        guard let token = try await stores.accounts.token(id: id), actor.role == .admin || token.userId == actor.id,
              let revoked = try await stores.accounts.revokeToken(id: id, at: clock.now, audit: { AccessAudit.tokenRevoked($0, by: actor.id) })
        else { throw DeskError.notFound("token") }
        return revoked
    }
}
