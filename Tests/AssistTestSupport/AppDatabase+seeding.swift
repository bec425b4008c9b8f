import AssistCore
import AssistStore
import Foundation

/// Test set-up seeding straight into the store, as the tests before the audit of admin changes did: each
/// write is audited as done by nobody (a test's set-up), in its own transaction like any other.
extension AppDatabase {
    public func createCustomer(name: String, inn: String?, kpp: String?, at instant: Date) async throws -> Customer {
        try await createCustomer(name: name, inn: inn, kpp: kpp, at: instant, audit: { AccessAudit.customerCreated($0, by: nil) })
    }

    public func createUser(_ user: NewUser, at instant: Date) async throws -> UserAccount {
        try await createUser(user, at: instant, audit: { AccessAudit.userCreated($0, by: nil) })
    }

    public func updateUser(id: Int64, _ change: UserChange) async throws -> UserAccount? {
        try await updateUser(id: id, change, at: Date(), audit: { AccessAudit.userChanged(from: $0, to: $1, by: nil) })
    }

    public func addToken(userId: Int64, tokenHash: String, label: String, createdAt: Date, expiresAt: Date) async throws -> AccessTokenInfo {
        try await addToken(
            userId: userId, tokenHash: tokenHash, label: label, createdAt: createdAt, expiresAt: expiresAt, audit: { AccessAudit.tokenIssued($0, by: nil) })
    }

    public func revokeToken(id: Int64, at instant: Date) async throws -> AccessTokenInfo? {
        try await revokeToken(id: id, at: instant, audit: { AccessAudit.tokenRevoked($0, by: nil) })
    }

    public func createContract(_ contract: NewContract, at instant: Date) async throws -> Contract {
        try await createContract(contract, at: instant, audit: { AccessAudit.contractCreated($0, by: nil) })
    }

    public func addLicenceEmail(_ email: String, customerId: Int64) async throws {
        try await addLicenceEmail(email, customerId: customerId, audit: AccessAudit.licenceEmailAdded(email, customerId: customerId, by: nil), at: Date())
    }

    public func removeLicenceEmail(_ email: String, customerId: Int64) async throws -> Bool {
        try await removeLicenceEmail(email, customerId: customerId, audit: AccessAudit.licenceEmailRemoved(email, customerId: customerId, by: nil), at: Date())
    }

    public func createGroup(customerId: Int64, name: String, members: [String]) async throws -> CommercialGroup {
        try await createGroup(customerId: customerId, name: name, members: members, at: Date(), audit: { AccessAudit.groupCreated($0, by: nil) })
    }

    public func saveCalendar(_ document: ProductionCalendar.Document, note: String, by userId: Int64, at instant: Date) async throws -> ProductionCalendar {
        try await saveCalendar(document, basedOn: try await currentCalendar().revision, note: note, by: userId, at: instant, audit: { revision in
            AccessAudit.calendarSaved(revision: revision, years: document.years.keys.compactMap { Int($0) }.sorted(), note: note, by: userId)
        })
    }
}

extension AppDatabase {
    /// Starts metered help as the desk does: decided by `HelpStartRule` on the terms the store
    /// reads in its transaction.
    public func startMetering(
        tid: String, agentUserId: Int64, kind: MeteredKind, channel: MeteringChannel, billing: BillingPolicy, at instant: Date
    ) async throws -> MeteredSession {
        try await startMetering(tid: tid, agentUserId: agentUserId, kind: kind, channel: channel, at: instant) { terms in
            try HelpStartRule.start(kind: kind, channel: channel, terms: terms, billing: billing, at: instant)
        }
    }
}
