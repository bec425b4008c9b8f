import AssistCore
import Testing

@Suite("Account values: e-mail, phone, INN, KPP")
struct AccountValueTests {
    @Test("e-mail addresses are checked and lower-cased", arguments: [
        ("Ivan@iStom.RU", "ivan@istom.ru"), ("a.b+c@mail.example.org", "a.b+c@mail.example.org"),
        ("no-at-sign", nil), ("a@b", nil), ("a@@b.ru", nil), (".a@b.ru", nil), ("a..b@c.ru", nil),
        ("a@-b.ru", nil), ("a b@c.ru", nil), ("a@b.r", nil),
    ] as [(String, String?)])
    func email(text: String, expected: String?) {
        #expect(EmailAddress.normalized(text) == expected)
    }

    @Test("phone numbers become E.164; a Russian 8… becomes +7…", arguments: [
        ("+7 (495) 123-45-67", "+74951234567"), ("8 495 123 45 67", "+74951234567"), ("+1.202.555.0143", "+12025550143"),
        ("123", nil), ("+7 495 123 45 67 ext 2", nil), ("0495123456", nil), ("", nil),
    ] as [(String, String?)])
    func phone(text: String, expected: String?) {
        #expect(PhoneNumber.normalized(text) == expected)
    }

    @Test("INN check digits: 10-digit organizations and 12-digit individuals", arguments: [
        ("7707083893", true), ("7707083894", false), ("500100732259", true), ("500100732258", false),
        ("770708389", false), ("77070838931", false), ("77070838９3", false), ("abcdefghij", false),
    ])
    func inn(text: String, valid: Bool) {
        #expect(TaxpayerNumbers.isValidINN(text) == valid)
    }

    @Test("KPP format", arguments: [("773601001", true), ("7736AB001", true), ("77360100", false), ("7736ab001", false)])
    func kpp(text: String, valid: Bool) {
        #expect(TaxpayerNumbers.isValidKPP(text) == valid)
    }
}
