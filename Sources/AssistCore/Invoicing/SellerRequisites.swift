/// The seller's details printed on every invoice (from configuration, `seller.*`).
public struct SellerRequisites: Sendable, Equatable, Codable {
    public var name: String
    public var inn: String
    public var kpp: String?
    public var address: String
    public var bank: String
    /// БИК: 9 digits.
    public var bik: String
    /// Расчётный счёт: 20 digits.
    public var account: String
    /// Корреспондентский счёт: 20 digits.
    public var correspondentAccount: String

    public init(
        name: String, inn: String, kpp: String?, address: String, bank: String, bik: String, account: String, correspondentAccount: String
    ) {
        self.name = name
        self.inn = inn
        self.kpp = kpp
        self.address = address
        self.bank = bank
        self.bik = bik
        self.account = account
        self.correspondentAccount = correspondentAccount
    }

    /// The first problem with these details, as (setting key, what is expected); nil when valid.
    public var problem: (key: String, expected: String)? {
        func digits(_ text: String, _ count: Int) -> Bool { text.count == count && text.allSatisfy { $0.isASCII && $0.isNumber } }
        if name.trimming(.whitespaces).isEmpty { return ("seller.name", "the seller's name") }
        if !TaxpayerNumbers.isValidINN(inn) { return ("seller.inn", "a 10- or 12-digit INN with valid check digits") }
        if let kpp, !TaxpayerNumbers.isValidKPP(kpp) { return ("seller.kpp", "a 9-character KPP") }
        if address.trimming(.whitespaces).isEmpty { return ("seller.address", "the seller's address") }
        if bank.trimming(.whitespaces).isEmpty { return ("seller.bank", "the bank's name") }
        if !digits(bik, 9) { return ("seller.bik", "a 9-digit BIK") }
        if !digits(account, 20) { return ("seller.account", "a 20-digit settlement account") }
        if !digits(correspondentAccount, 20) { return ("seller.correspondentAccount", "a 20-digit correspondent account") }
        return nil
    }
}
