import AssistCore
import Foundation
import Testing

@testable import AssistServer

/// Answers written directly (`DirectJSONAnswer`) are the very bytes `JSONEncoder.api` writes for
/// the same value, so a client cannot tell which wrote them.
@Suite("Answers written directly are JSONEncoder's bytes")
struct DirectJSONAnswerTests {
    /// Text a client could meet in any string field: every C0 control character, quotes,
    /// backslashes, slashes, DEL and C1, a line separator, Cyrillic and an emoji.
    static let awkward: [String] = {
        var characters = (0..<0x20).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        characters += ["\"", "\\", "/", "\u{7F}", "\u{85}", "\u{9F}", "\u{2028}", "ж", "é", "😀", "TID-2026-000001", " ", "a"]
        return characters
    }()

    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        (0..<Int.random(in: 0...12, using: &generator)).map { _ in awkward.randomElement(using: &generator)! }.joined()
    }

    static func randomDate(_ generator: inout some RandomNumberGenerator) -> Date {
        Date(timeIntervalSince1970: Double.random(in: -2_000_000_000...4_000_000_000, using: &generator))
    }

    func written(_ answer: some DirectJSONAnswer) -> [UInt8] {
        var writer = JSONAnswerWriter(capacity: 16)  // small, so writing has to grow it
        answer.writeJSON(to: &writer)
        return writer.bytes
    }

    @Test("R-3.2 a metered session (the answer of starting and stopping the clock): 500 random ones, running and stopped, invoiced or not")
    func meteredSession() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let stopped = Bool.random(using: &generator)
            let session = MeteredSession(
                id: .random(in: .min ... .max, using: &generator), ticketId: .random(in: 1...Int64.max, using: &generator),
                tid: Self.randomText(&generator), customerId: .random(in: 1...Int64.max, using: &generator),
                agentUserId: .random(in: 1...Int64.max, using: &generator), kind: MeteredKind.allCases.randomElement(using: &generator)!,
                channel: MeteringChannel.allCases.randomElement(using: &generator)!, rateKopecksPerHour: .random(in: 0...Int64.max, using: &generator),
                rule: RoundingRule(incrementSeconds: .random(in: -5...7_200, using: &generator), minimumSeconds: .random(in: -5...7_200, using: &generator)),
                startedAt: Self.randomDate(&generator), stoppedAt: stopped ? Self.randomDate(&generator) : nil,
                rawSeconds: stopped ? .random(in: .min ... .max, using: &generator) : nil,
                billedSeconds: stopped ? .random(in: 0 ... .max, using: &generator) : nil,
                amountKopecks: stopped ? .random(in: .min ... .max, using: &generator) : nil,
                flaggedForReview: .random(using: &generator), invoiceNumber: Bool.random(using: &generator) ? Self.randomText(&generator) : nil)
            let expected = Array(try JSONEncoder.api.encode(session))
            let actual = written(session)
            let same = actual == expected  // bytes, not strings: a String compares é and e + ◌́ as equal
            #expect(same, "\(String(decoding: actual, as: UTF8.self)) is not \(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test("the writer escapes every string as Foundation does, one awkward character at a time")
    func everyAwkwardCharacter() throws {
        for text in Self.awkward {
            let session = MeteredSession(
                id: 1, ticketId: 2, tid: text, customerId: 3, agentUserId: 4, kind: .install, channel: .remote, rateKopecksPerHour: 150_000,
                rule: .startedMinute, startedAt: Date(timeIntervalSince1970: 1_780_000_000), stoppedAt: nil, rawSeconds: nil,
                billedSeconds: nil, amountKopecks: nil, flaggedForReview: false, invoiceNumber: text + text)
            let same = written(session) == Array(try JSONEncoder.api.encode(session))
            #expect(same, "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
