/// A rouble amount in Russian words, 1C style: «Одна тысяча пятьсот рублей 00 копеек».
///
/// Roubles, millions and billions are masculine (один, два), thousands feminine (одна, две);
/// the noun takes the form its number needs (1 рубль, 2–4 рубля, 5–20 рублей, 11–14 always
/// the last); kopecks are two digits with their word. Works for 0 … 999 999 999 999,99.
public enum RussianAmountInWords {
    public enum Failure: Error, Sendable, Equatable {
        case outOfRange
    }

    public static let maximumKopecks: Int64 = 99_999_999_999_999

    public static func words(kopecks: Int64) throws(Failure) -> String {
        guard (0...maximumKopecks).contains(kopecks) else { throw .outOfRange }
        let roubles = kopecks / 100, rest = Int(kopecks % 100)
        var parts: [String] = []
        let groups: [(value: Int64, forms: (String, String, String), feminine: Bool)] = [
            (roubles / 1_000_000_000 % 1000, ("миллиард", "миллиарда", "миллиардов"), false),
            (roubles / 1_000_000 % 1000, ("миллион", "миллиона", "миллионов"), false),
            (roubles / 1000 % 1000, ("тысяча", "тысячи", "тысяч"), true),
        ]
        for group in groups where group.value > 0 {
            parts.append(spell(Int(group.value), feminine: group.feminine))
            parts.append(form(Int(group.value), group.forms))
        }
        let units = Int(roubles % 1000)
        if units > 0 { parts.append(spell(units, feminine: false)) }
        if roubles == 0 { parts.append("ноль") }
        parts.append(form(Int(roubles % 1000), ("рубль", "рубля", "рублей")))
        parts.append(String(rest / 10) + String(rest % 10))
        parts.append(form(rest, ("копейка", "копейки", "копеек")))
        let sentence = parts.filter { !$0.isEmpty }.joined(separator: " ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
    }

    /// 1 … 999 in words.
    static func spell(_ number: Int, feminine: Bool) -> String {
        let hundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"]
        let tens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
        let teens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать",
                     "восемнадцать", "девятнадцать"]
        let units = feminine
            ? ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
            : ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
        var words = [hundreds[number / 100]]
        let lastTwo = number % 100
        if (10...19).contains(lastTwo) {
            words.append(teens[lastTwo - 10])
        } else {
            words.append(tens[lastTwo / 10])
            words.append(units[lastTwo % 10])
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The noun form a number takes: one (1, 21, …), few (2–4, 22–24, …), many (the rest, and 11–14).
    static func form(_ number: Int, _ forms: (one: String, few: String, many: String)) -> String {
        let lastTwo = number % 100, last = number % 10
        if (11...14).contains(lastTwo) { return forms.many }
        switch last {
        case 1: return forms.one
        case 2...4: return forms.few
        default: return forms.many
        }
    }
}
