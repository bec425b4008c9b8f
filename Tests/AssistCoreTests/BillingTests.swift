import AssistCore
import Testing

@Suite("Money: amounts in Russian words and the one rounding point")
struct BillingTests {
    @Test("1C-style words for amounts of every grammatical kind", arguments: [
        (Int64(0), "Ноль рублей 00 копеек"),
        (1, "Ноль рублей 01 копейка"),
        (100, "Один рубль 00 копеек"),
        (322, "Три рубля 22 копейки"),
        (1311, "Тринадцать рублей 11 копеек"),
        (2121, "Двадцать один рубль 21 копейка"),
        (150_000, "Одна тысяча пятьсот рублей 00 копеек"),
        (200_000, "Две тысячи рублей 00 копеек"),
        (500_000, "Пять тысяч рублей 00 копеек"),
        (1_100_000, "Одиннадцать тысяч рублей 00 копеек"),
        (2_100_000, "Двадцать одна тысяча рублей 00 копеек"),
        (111_214, "Одна тысяча сто двенадцать рублей 14 копеек"),
        (1_412_405, "Четырнадцать тысяч сто двадцать четыре рубля 05 копеек"),
        (123_456_789, "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек"),
        (200_000_200, "Два миллиона два рубля 00 копеек"),
        (500_000_000_00, "Пятьсот миллионов рублей 00 копеек"),
        (100_100_000_000, "Один миллиард один миллион рублей 00 копеек"),
        (3_002_004_001_02, "Три миллиарда два миллиона четыре тысячи один рубль 02 копейки"),
        (99_999_999_999_999, "Девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять рублей 99 копеек"),
    ])
    func words(kopecks: Int64, expected: String) throws {
        #expect(try RussianAmountInWords.words(kopecks: kopecks) == expected)
    }

    @Test("amounts outside 0 … 999 999 999 999,99 are refused")
    func outOfRange() {
        #expect(throws: RussianAmountInWords.Failure.outOfRange) { try RussianAmountInWords.words(kopecks: 100_000_000_000_000) }
        #expect(throws: RussianAmountInWords.Failure.outOfRange) { try RussianAmountInWords.words(kopecks: -1) }
    }

    @Test("R-3.2 1 500 RUB an hour, every started minute billed, the amount rounded once, half up", arguments: [
        (5400, 5400, Int64(225_000)), (61, 120, 5_000), (1, 60, 2_500), (0, 0, 0), (3600, 3600, 150_000), (3599, 3600, 150_000),
    ])
    func standardQuote(raw: Int, billed: Int, amount: Int64) {
        let quote = MeteredQuote(rawSeconds: raw)
        #expect(quote.billedSeconds == billed)
        #expect(quote.amountKopecks == amount)
    }

    @Test("half up at the single rounding point; increments and minimums")
    func rounding() {
        let perSecond = RoundingRule(incrementSeconds: 1, minimumSeconds: 0)
        #expect(MeteredQuote(rawSeconds: 18, rateKopecksPerHour: 100, rule: perSecond).amountKopecks == 1, "0.5 kopeck rounds up")
        #expect(MeteredQuote(rawSeconds: 17, rateKopecksPerHour: 100, rule: perSecond).amountKopecks == 0)
        let quarterHours = RoundingRule(incrementSeconds: 900, minimumSeconds: 1800)
        #expect(quarterHours.billedSeconds(raw: 60) == 1800)
        #expect(quarterHours.billedSeconds(raw: 1801) == 2700)
    }

    @Test("money for people: 1 500,00 ₽ with no-break spaces")
    func format() {
        #expect(MoneyFormat.roubles(150_000) == "1\u{00A0}500,00\u{00A0}₽")
        #expect(MoneyFormat.roubles(99_999_999_999_999) == "999\u{00A0}999\u{00A0}999\u{00A0}999,99\u{00A0}₽")
        #expect(MoneyFormat.roubles(5) == "0,05\u{00A0}₽")
    }
}
