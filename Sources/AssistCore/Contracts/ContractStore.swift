import Foundation

/// Persistence of what decides a customer's SLA: contracts, licence e-mails, commercial groups.
public protocol ContractStore: Sendable {
    /// Throws `AccountStoreError.customerNotFound`.
    /// Each write is audited in its own transaction with the note `audit` words.
    func createContract(_ contract: NewContract, at instant: Date, audit: @escaping @Sendable (Contract) -> AuditNote) async throws -> Contract
    func contracts(customerId: Int64) async throws -> [Contract]

    /// Adds an address to the customer's licence (no-op, and nothing audited, if present). Throws `.customerNotFound`.
    func addLicenceEmail(_ email: String, customerId: Int64, audit: AuditNote, at instant: Date) async throws
    /// Returns whether the address was there (audited only then).
    func removeLicenceEmail(_ email: String, customerId: Int64, audit: AuditNote, at instant: Date) async throws -> Bool
    func licenceEmails(customerId: Int64) async throws -> [String]

    /// Throws `.customerNotFound` or `.groupNameTaken`.
    func createGroup(
        customerId: Int64, name: String, members: [String], at instant: Date, audit: @escaping @Sendable (CommercialGroup) -> AuditNote
    ) async throws -> CommercialGroup
    func groups(customerId: Int64) async throws -> [CommercialGroup]
    /// Renames the customer's group `id` (when `name` is given) and adds and removes members,
    /// audited with the before and after; throws `.groupNotFound` or `.groupNameTaken`.
    func changeGroup(
        id: Int64, customerId: Int64, name: String?, adding: [String], removing: [String], at instant: Date,
        audit: @escaping @Sendable (CommercialGroup, CommercialGroup) -> AuditNote
    ) async throws -> CommercialGroup
    /// Deletes the customer's group `id` with its members, audited; throws `.groupNotFound`.
    func deleteGroup(id: Int64, customerId: Int64, at instant: Date, audit: @escaping @Sendable (CommercialGroup) -> AuditNote) async throws

    /// The customers whose licence or commercial groups list the address.
    func customerIds(registeringSender email: String) async throws -> [Int64]

    /// the address is on the customer's licence or in one of its commercial groups.
    func isRegisteredSender(_ email: String, customerId: Int64) async throws -> Bool
}
