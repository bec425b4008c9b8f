import Foundation

/// Length checks for free text, with the problem that says what to send.
enum TextValidation {
    static func text(_ value: String, field: String, maximum: Int) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw Problem.invalidField(field, "is empty: write something") }
        guard trimmed.count <= maximum else { throw Problem.invalidField(field, "is longer than \(maximum) characters: shorten it") }
        return trimmed
    }

    static func optionalText(_ value: String?, field: String, maximum: Int) throws -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try text(value, field: field, maximum: maximum)
    }
}
