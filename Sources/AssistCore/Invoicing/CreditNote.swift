import Foundation

/// Cancels one issued invoice for its full amount; its sessions and contracts can be invoiced again.
public struct CreditNote: Sendable, Equatable, Codable {
    /// `CN-2026-000001`: gapless within a year, like invoice numbers.
    public let number: String
    public let invoiceNumber: String
    public let reason: String
    public let amountKopecks: Int64
    public let issuedAt: Date
    public let issuedByUserId: Int64

    public init(number: String, invoiceNumber: String, reason: String, amountKopecks: Int64, issuedAt: Date, issuedByUserId: Int64) {
        self.number = number
        self.invoiceNumber = invoiceNumber
        self.reason = reason
        self.amountKopecks = amountKopecks
        self.issuedAt = issuedAt
        self.issuedByUserId = issuedByUserId
    }
}
