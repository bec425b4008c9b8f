/// The customer as printed on the invoice, copied when it was issued.
public struct InvoiceBuyer: Sendable, Equatable, Codable {
    public let customerId: Int64
    public let name: String
    public let inn: String?
    public let kpp: String?

    public init(customerId: Int64, name: String, inn: String?, kpp: String?) {
        self.customerId = customerId
        self.name = name
        self.inn = inn
        self.kpp = kpp
    }
}
