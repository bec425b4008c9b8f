/// Russian taxpayer numbers: INN (ИНН) and KPP (КПП), checked the way the tax service does.
public enum TaxpayerNumbers {
    /// A 10-digit INN (organization) or a 12-digit one (individual) with valid check digits.
    public static func isValidINN(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == text.count, text.allSatisfy(\.isASCII) else { return false }
        func check(_ weights: [Int]) -> Int {
            zip(weights, digits).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
        }
        switch digits.count {
        case 10:
            return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[9]
        case 12:
            return check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[10]
                && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == digits[11]
        default:
            return false
        }
    }

    /// A KPP: 9 characters, four digits (tax office), two digits or capital Latin letters (reason), three digits.
    public static func isValidKPP(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 9, text.allSatisfy(\.isASCII) else { return false }
        let office = characters[0..<4], reason = characters[4..<6], number = characters[6..<9]
        return office.allSatisfy(\.isNumber) && number.allSatisfy(\.isNumber)
            && reason.allSatisfy { $0.isNumber || ($0.isUppercase && $0.isLetter) }
    }
}
