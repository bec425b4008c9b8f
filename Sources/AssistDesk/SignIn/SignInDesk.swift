import AssistCore
import Foundation

/// Signing people in to the web console with e-mail and password: sessions, passwords,
/// set-password links. Bearer tokens for the API and CLI are `AccountDesk`'s.
public struct SignInDesk: Sendable {
    let stores: DeskStores
    /// "Now" for every decision (`WallClock`).
    let clock: any WallClock
    let secrets: any Secrets
    let sealer: any SecretSealer
    let passwords: any PasswordHasher
    let throttle: SignInThrottle
    public let lifetime: WebSessionLifetime
    /// The console's origin as people reach it (`https://support.example.ru`): set-password links
    /// point there, never to whatever host a request named.
    let consoleURL: String
    /// Where the letters people ask for, and lockout audits, are written: after the answer.
    let background: any BackgroundWork
    let decoy = DecoyPasswordHash()

    init(
        stores: DeskStores, clock: any WallClock, secrets: any Secrets, sealer: any SecretSealer, passwords: any PasswordHasher,
        throttle: SignInThrottle, lifetime: WebSessionLifetime, consoleURL: String, background: any BackgroundWork
    ) {
        self.background = background
        self.stores = stores
        self.clock = clock
        self.secrets = secrets
        self.sealer = sealer
        self.passwords = passwords
        self.throttle = throttle
        self.lifetime = lifetime
        self.consoleURL = consoleURL
    }

    /// A new session for the person with this e-mail and password. Wrong address, wrong
    /// password, no password yet and a disabled account all get the same refusal, after the
    /// same slow hash; repeated failures are throttled (`SignInThrottle`).
    public func signIn(email: String, password: String, from address: String) async throws -> SignedIn {
        let now = clock.now
        try await throttle.requireAllowed(email: email, address: address, at: now)
        let normalized = email.trimming(.whitespaces).lowercased()
        // No password is longer (PasswordRules): a megabyte is refused before the slow hash.
        guard password.utf8.count <= PasswordRules.maximumBytes else {
            audit(try await throttle.failed(email: normalized, address: address, at: now), user: nil, at: now)
            throw DeskError.signInFailed
        }
        let candidate = normalized.isEmpty || normalized.utf8.count > 320
            ? nil : try await stores.accounts.users(email: normalized).first { !$0.disabled }
        var stored: String?
        if let candidate { stored = try await stores.signIn.passwordHash(userId: candidate.id) }
        // Without an account the same hash work is done, so timing does not tell who exists.
        var against = stored
        if against == nil { against = try await decoy.hash(using: passwords, secrets: secrets) }
        // Counted as a failure before the slow hash, so guesses sent in parallel are all counted
        // (and refused once over the limit); a right password takes its count back.
        let lockouts = try await throttle.failed(email: normalized, address: address, at: now)
        let matches = await passwords.verify(password, against: against ?? "")
        guard let user = candidate, stored != nil, matches else {
            audit(lockouts, user: candidate, at: now)
            throw DeskError.signInFailed
        }
        try await throttle.succeeded(email: normalized, address: address, at: now)
        // Sessions that ended by time are swept here, so the table holds only live ones.
        _ = try await stores.signIn.deleteExpiredWebSessions(
            idleBefore: now.addingTimeInterval(-TimeInterval(lifetime.idleSeconds)),
            createdBefore: now.addingTimeInterval(-TimeInterval(lifetime.absoluteSeconds)))
        return try await startSession(for: user, at: now)
    }

    /// The signed-in person behind a cookie secret, if the session is still alive; refreshes
    /// its idle clock at most once a minute (a write per page would be waste).
    public func session(secret: String) async throws -> (user: UserAccount, session: WebSession) {
        guard !secret.isEmpty, secret.utf8.count <= 128,
              let found = try await stores.signIn.webSession(secretHash: secrets.sha256Hex(secret))
        else { throw DeskError.webSessionEnded }
        let now = clock.now
        var session = found.session
        let idle = now.timeIntervalSince(session.lastSeenAt) > TimeInterval(lifetime.idleSeconds)
        let old = now.timeIntervalSince(session.createdAt) > TimeInterval(lifetime.absoluteSeconds)
        if idle || old || found.user.disabled {
            try await stores.signIn.deleteWebSession(id: session.id)
            throw DeskError.webSessionEnded
        }
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            try await stores.signIn.touchWebSession(id: session.id, at: now)
            session.lastSeenAt = now
        }
        return (found.user, session)
    }

    /// Ends this session.
    public func signOut(_ session: WebSession) async throws {
        try await stores.signIn.deleteWebSession(id: session.id)
    }

    /// Ends every session of the actor, on every browser; returns how many ended.
    @discardableResult
    public func signOutEverywhere(_ actor: UserAccount) async throws -> Int {
        try await stores.signIn.deleteWebSessions(userId: actor.id)
    }

    /// The actor changes their own password; every session ends and this browser gets a new one.
    /// Wrong current passwords count like failed sign-ins: a stolen session cannot guess its way
    /// to the password.
    public func changePassword(_ actor: UserAccount, current: String, new: String, repeated: String, from address: String) async throws -> SignedIn {
        let now = clock.now
        let email = actor.email ?? "user:\(actor.id)"
        try await throttle.requireAllowed(email: email, address: address, at: now)
        guard current.utf8.count <= PasswordRules.maximumBytes, let stored = try await stores.signIn.passwordHash(userId: actor.id),
              await passwords.verify(current, against: stored)
        else {
            audit(try await throttle.failed(email: email, address: address, at: now), user: actor, at: now)
            throw DeskError.currentPasswordWrong
        }
        try PasswordRules.check(new, repeated: repeated, email: actor.email)
        try await stores.signIn.setPasswordHash(userId: actor.id, hash: try await passwords.hash(new), by: actor.id, at: clock.now)
        return try await startSession(for: actor, at: clock.now)
    }

    /// An admin gives a person a one-time link to set their password (a first one, or after
    /// forgetting it) to pass on by hand; returns the link, which the caller shows once to that
    /// admin alone. Only its hash is stored.
    public func issuePasswordLink(_ actor: UserAccount, userId: Int64) async throws -> String {
        let user = try await passwordLinkRecipient(actor, userId: userId)
        let token = try randomSecret()
        let now = clock.now
        let expires = now.addingTimeInterval(TimeInterval(lifetime.passwordLinkSeconds))
        try await stores.signIn.addPasswordLink(
            userId: user.id, tokenHash: secrets.sha256Hex(token), expiresAt: expires,
            audit: AuditNote(
                action: "user.password-link.issued", subject: "user:\(user.id)",
                detail: "A one-time set-password link shown to its admin, usable until \(MoscowTime.format(expires))", actor: actor.id),
            at: now)
        return link(token)
    }

    /// An admin sends a person a one-time set-password link by mail, to their own address: the
    /// letter in the outbox carries the link sealed, so no one else (the admin included) sees it.
    public func mailPasswordLink(_ actor: UserAccount, userId: Int64) async throws {
        let user = try await passwordLinkRecipient(actor, userId: userId)
        guard let recipient = user.email else {
            throw DeskError(.conflict, code: .userWithoutEmail, title: "No e-mail address",
                            detail: "The user has no e-mail address: add one, or give them a link by hand.")
        }
        let now = clock.now
        try await queuePasswordLetter(
            to: user, recipient: recipient, seconds: lifetime.passwordLinkSeconds, notSince: nil, by: actor.id, at: now)
    }

    private func passwordLinkRecipient(_ actor: UserAccount, userId: Int64) async throws -> UserAccount {
        try actor.require(.admin)
        guard let user = try await stores.accounts.user(id: userId) else { throw DeskError.notFound("user") }
        guard !user.disabled else { throw DeskError(.conflict, code: .userDisabled, title: "User disabled", detail: "The user is disabled: enable them first.") }
        return user
    }

    /// Refuses a set-password link that is used, expired or unknown, before its form is shown.
    public func checkPasswordLink(_ token: String) async throws {
        guard !token.isEmpty, token.utf8.count <= 128,
              try await stores.signIn.passwordLinkUserId(tokenHash: secrets.sha256Hex(token), at: clock.now) != nil
        else { throw DeskError.passwordLinkUnusable }
    }

    /// Sets a password through a one-time link; the link is spent and the person's sessions end.
    /// The link is looked up before the slow hash, and misses are throttled like sign-ins, so
    /// made-up links cost the server nothing but a lookup.
    public func setPassword(linkToken: String, new: String, repeated: String, from address: String) async throws {
        let now = clock.now
        try await throttle.requireAllowed(email: nil, address: address, at: now)
        guard !linkToken.isEmpty, linkToken.utf8.count <= 128,
              let userId = try await stores.signIn.passwordLinkUserId(tokenHash: secrets.sha256Hex(linkToken), at: now),
              let user = try await stores.accounts.user(id: userId)
        else {
            audit(try await throttle.failed(email: nil, address: address, at: now), user: nil, at: now)
            throw DeskError.passwordLinkUnusable
        }
        try PasswordRules.check(new, repeated: repeated, email: user.email)
        let hash = try await passwords.hash(new)
        guard try await stores.signIn.usePasswordLink(tokenHash: secrets.sha256Hex(linkToken), newHash: hash, at: clock.now) != nil else {
            throw DeskError.passwordLinkUnusable
        }
    }

    /// Offline, for the first admin and for recovery (`assistd admin set-password`): whoever
    /// can run the server's binary on its database may set anyone's password.
    public func setPasswordOffline(email: String, password: String) async throws -> UserAccount {
        guard let user = try await stores.accounts.users(email: email.trimming(.whitespaces).lowercased()).first else {
            throw DeskError.notFound("user")
        }
        try PasswordRules.check(password, repeated: nil, email: user.email)
        try await stores.signIn.setPasswordHash(userId: user.id, hash: try await passwords.hash(password), by: nil, at: clock.now)
        return user
    }

    /// "Forgot the password": mails a one-time set-password link to the person with this
    /// address, if there is one and no such letter went out in the last 15 minutes. Requests
    /// count against the client address like failed sign-ins, and that is all the caller waits
    /// for: looking the address up and queueing the letter happen after the answer, so neither
    /// the answer nor its timing says which addresses have an account.
    public func requestPasswordLink(email: String, from address: String) async throws {
        let now = clock.now
        try await throttle.requireAllowed(email: nil, address: address, at: now)
        audit(try await throttle.failed(email: nil, address: address, at: now), user: nil, at: now)
        let normalized = email.trimming(.whitespaces).lowercased()
        guard !normalized.isEmpty, normalized.utf8.count <= 320 else { return }
        // After the answer, in order (so a repeat still finds the first letter and is not sent).
        background.later("a set-password letter asked for") { try await mailRequestedLink(email: normalized, at: now) }
    }

    /// The part of `requestPasswordLink` that runs after the answer.
    func mailRequestedLink(email: String, at now: Date) async throws {
        guard let user = try await stores.accounts.users(email: email).first(where: { !$0.disabled }), let recipient = user.email else { return }
        try await queuePasswordLetter(
            to: user, recipient: recipient, seconds: lifetime.mailedLinkSeconds, notSince: now.addingTimeInterval(-15 * 60), by: nil, at: now)
    }

    /// A new link for `user`, queued in a letter whose text holds `LetterSecret.marker` in its
    /// place; the link itself is sealed for that recipient beside the letter.
    private func queuePasswordLetter(to user: UserAccount, recipient: String, seconds: Int, notSince: Date?, by actor: Int64?, at now: Date) async throws {
        let token = try randomSecret()
        let sealed = try sealer.seal(Array(link(token).utf8), context: LetterSecret.sealingContext(recipient: recipient))
        let expires = now.addingTimeInterval(TimeInterval(seconds))
        _ = try await stores.signIn.mailPasswordLink(
            userId: user.id, tokenHash: secrets.sha256Hex(token), expiresAt: expires, recipient: recipient,
            letter: AccountNotices.passwordLink(displayName: user.displayName, minutes: seconds / 60, byAdmin: actor != nil),
            sealedLink: sealed, notSince: notSince,
            audit: AuditNote(
                action: "user.password-link.mailed", subject: "user:\(user.id)",
                detail: "A set-password link \(actor == nil ? "mailed on request" : "mailed by an admin"), usable until \(MoscowTime.format(expires))",
                actor: actor ?? user.id),
            at: now)
    }

    /// The set-password page of `token` on the console's own origin.
    private func link(_ token: String) -> String {
        consoleURL + "/password/set/" + token
    }

    /// A random token for a form shown before sign-in (the sign-in form's CSRF token).
    public func formToken() throws -> String {
        try randomSecret()
    }

    /// Each lockout that began, in the audit log: a person's own account (never an address
    /// nobody has, which would put strangers' typing in the log for good) and client addresses.
    /// Written after the answer, so the refusal takes as long whether or not an account has the
    /// address (a durable write only for real accounts would tell them apart).
    private func audit(_ lockouts: [SignInLockout], user: UserAccount?, at now: Date) {
        let audit = stores.audit
        for lockout in lockouts {
            switch lockout.kind {
            case .email:
                guard let user else { continue }
                background.later("a sign-in lockout's audit entry") {
                    try await audit.recordAudit(
                        action: "signin.locked", subject: "user:\(user.id)",
                        detail: "Console sign-in refused for \(lockout.seconds) s after \(lockout.failures) failed attempts", actor: nil, at: now)
                }
            case .address:
                background.later("a sign-in lockout's audit entry") {
                    try await audit.recordAudit(
                        action: "signin.locked", subject: "address:\(lockout.key)",
                        detail: "Console sign-in from this client address refused for \(lockout.seconds) s after failures for \(lockout.failures) different e-mail addresses or links",
                        actor: nil, at: now)
                }
            }
        }
    }

    /// 256 random bits, base64url: session secrets, CSRF tokens, set-password links.
    private func randomSecret() throws -> String {
        TokenIssuer.base64URL(try secrets.randomBytes(32))
    }

    private func startSession(for user: UserAccount, at now: Date) async throws -> SignedIn {
        let secret = try randomSecret()
        let csrf = try randomSecret()
        let session = try await stores.signIn.createWebSession(userId: user.id, secretHash: secrets.sha256Hex(secret), csrfToken: csrf, at: now)
        return SignedIn(user: user, session: session, secret: secret)
    }
}
