import Foundation

/// A счёт на оплату: immutable once issued; cancelled only by a credit note that references it.
public struct Invoice: Sendable, Equatable, Codable {
    /// `2026-000001`: gapless and sequential within the year of issue (Moscow time).
    public let number: String
    public let issuedAt: Date
    public let issuedByUserId: Int64
    public let periodFrom: LocalDate
    public let periodTo: LocalDate
    public let seller: SellerRequisites
    public let buyer: InvoiceBuyer
    /// nil: «Без НДС».
    public let vatPercent: Int?
    public let subscriptionKopecks: Int64
    public let meteredKopecks: Int64
    /// Prices include VAT: this is what the buyer pays.
    public let totalKopecks: Int64
    /// The VAT contained in the total (0 without VAT).
    public let vatKopecks: Int64
    public let totalInWords: String
    public let lineCount: Int
    /// Present when the invoice was read with its lines.
    public let lines: [InvoiceLine]?
    public let creditNote: CreditNote?

    public init(
        number: String, issuedAt: Date, issuedByUserId: Int64, periodFrom: LocalDate, periodTo: LocalDate, seller: SellerRequisites,
        buyer: InvoiceBuyer, vatPercent: Int?, subscriptionKopecks: Int64, meteredKopecks: Int64, totalKopecks: Int64, vatKopecks: Int64,
        totalInWords: String, lineCount: Int, lines: [InvoiceLine]?, creditNote: CreditNote?
    ) {
        self.number = number
        self.issuedAt = issuedAt
        self.issuedByUserId = issuedByUserId
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.seller = seller
        self.buyer = buyer
        self.vatPercent = vatPercent
        self.subscriptionKopecks = subscriptionKopecks
        self.meteredKopecks = meteredKopecks
        self.totalKopecks = totalKopecks
        self.vatKopecks = vatKopecks
        self.totalInWords = totalInWords
        self.lineCount = lineCount
        self.lines = lines
        self.creditNote = creditNote
    }

    public var vat: VATRule { vatPercent.map(VATRule.percent) ?? .exempt }

    /// `2026-000001`, or `CN-2026-000001` for credit notes.
    public static func number(prefix: String = "", year: Int, sequence: Int) -> String {
        "\(prefix)\(year)-\(String(sequence).leftPadded(to: 6))"
    }
}
