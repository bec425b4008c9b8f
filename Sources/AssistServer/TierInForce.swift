import AssistCore

/// The answer of `GET /v1/customers/{id}/tier`.
struct TierInForce: Encodable, Sendable {
    let customerId: Int64
    let at: String
    let tier: ContractTier
    /// The contract that gives the tier; nil for free support without a contract.
    let contract: Contract?
}
