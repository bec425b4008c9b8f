import ArgumentParser
import AssistCore
import Foundation

/// `assistd billing …`: metered-time arithmetic, offline, through the code invoices use.
struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Billing arithmetic (R-3.2).", subcommands: [Quote.self])

    struct Quote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The billed duration and amount of metered help, with the amount in Russian words.")
        @Option(help: "install, update or update-repair.") var kind: String
        @Option(help: "Raw metered seconds.") var seconds: Int
        @Option(help: "Rate in kopecks per hour (default 150000: 1 500 RUB/hour).") var rateKopecks: Int64 = MeteredQuote.standardRateKopecksPerHour
        @Option(help: "Rounding increment in seconds (default 60: every started minute).") var increment: Int = 60
        @Option(help: "Minimum billed seconds.") var minimum: Int = 0
        @Flag(help: "Print JSON.") var json = false

        struct Output: Encodable {
            let kind: String
            let rawSeconds: Int
            let billedSeconds: Int
            let rateKopecksPerHour: Int64
            let roundingIncrementSeconds: Int
            let roundingMinimumSeconds: Int
            let amountKopecks: Int64
            let amountInWords: String
        }

        func validate() throws {
            guard MeteredKind(rawValue: kind) != nil else { throw ValidationError("'\(kind)' is not a kind: use install, update or update-repair.") }
            guard (0...(366 * 86_400)).contains(seconds) else { throw ValidationError("--seconds must be from 0 to a year's seconds.") }
            guard rateKopecks >= 0, rateKopecks <= 100_000_000 else { throw ValidationError("--rate-kopecks must be from 0 to 100000000.") }
            guard (1...86_400).contains(increment), (0...86_400).contains(minimum) else {
                throw ValidationError("--increment must be 1–86400 seconds and --minimum 0–86400.")
            }
        }

        func run() async throws {
            let quote = MeteredQuote(
                rawSeconds: seconds, rateKopecksPerHour: rateKopecks, rule: RoundingRule(incrementSeconds: increment, minimumSeconds: minimum))
            let words = try RussianAmountInWords.words(kopecks: quote.amountKopecks)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let output = Output(
                    kind: kind, rawSeconds: quote.rawSeconds, billedSeconds: quote.billedSeconds, rateKopecksPerHour: quote.rateKopecksPerHour,
                    roundingIncrementSeconds: quote.rule.incrementSeconds, roundingMinimumSeconds: quote.rule.minimumSeconds,
                    amountKopecks: quote.amountKopecks, amountInWords: words)
                print(String(decoding: try encoder.encode(output), as: UTF8.self))
            } else {
                print("\(kind): \(quote.rawSeconds) s metered, \(quote.billedSeconds) s billed at \(MoneyFormat.roubles(quote.rateKopecksPerHour))/h")
                print("\(MoneyFormat.roubles(quote.amountKopecks)) — \(words)")
            }
        }
    }
}
