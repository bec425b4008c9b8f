import AssistCore
import Foundation

extension JSONEncoder {
    /// The encoder of every API answer: sorted keys (the same answer is the same bytes), and
    /// times as RFC 3339 in Moscow time (stored in UTC, shown in Moscow).
    static let api: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(MoscowTime.format(date))
        }
        return encoder
    }()
}
