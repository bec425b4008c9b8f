import AssistCore

/// The answer of `GET /v1/customers/{id}/tier`.
public struct TierInForce: Codable, Sendable {
    public let customerId: Int64
    public let at: String
    public let tier: ContractTier
    /// The contract that gives the tier; nil for free support without a contract.
    public let contract: Contract?
}
