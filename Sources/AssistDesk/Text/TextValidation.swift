import AssistCore
import Foundation

/// The one place that decides what free text may contain and how long it may be.
///
/// - No text takes NUL, the other C0 controls, DEL or the C1 controls: SQLite and C
///   libraries stop at a NUL (it truncated stored text and broke the audit chain), and the
///   others are invisible in a page or a letter. Tab is always fine.
/// - A *line* (subject, name, label, version, note) is one line: CR, LF and the Unicode line
///   separators are refused, so it can never add a header to an e-mail it reaches.
/// - A *text* (description, message, reason, comment) may have line breaks; CRLF and a lone
///   CR (what browsers and mail send) are stored as LF.
/// - Limits count Unicode scalars, not grapheme clusters: "a" followed by a million combining
///   accents is one character but a million scalars. A scalar is at most 4 bytes in UTF-8, so
///   a limit of N is also a cap of 4·N bytes.
public enum TextValidation {
    /// Free text over several lines: descriptions, messages, reasons, comments.
    public static func text(_ value: String, field: String, maximum: Int) throws -> String {
        try checked(normalizedLineBreaks(value), field: field, maximum: maximum, multiline: true)
    }

    public static func optionalText(_ value: String?, field: String, maximum: Int) throws -> String? {
        guard let value, !isBlank(value) else { return nil }
        return try text(value, field: field, maximum: maximum)
    }

    /// One line: subjects, names, labels, versions, notes.
    public static func line(_ value: String, field: String, maximum: Int) throws -> String {
        try checked(value, field: field, maximum: maximum, multiline: false)
    }

    public static func optionalLine(_ value: String?, field: String, maximum: Int) throws -> String? {
        guard let value, !isBlank(value) else { return nil }
        return try line(value, field: field, maximum: maximum)
    }

    /// A value taken exactly as sent (a password, a PIN): no trimming, the same character
    /// rules as a line, and a length of `range` scalars.
    public static func exact(_ value: String, field: String, range: ClosedRange<Int>) throws -> String {
        if let problem = forbiddenCharacter(in: value, multiline: false) { throw DeskError.invalidField(field, problem) }
        guard range.contains(value.unicodeScalars.count) else {
            throw DeskError.invalidField(field, "must be \(range.lowerBound) to \(range.upperBound) characters")
        }
        return value
    }

    /// The floor for every string of every JSON body, whatever its field: no NUL, no C0
    /// control but tab, CR and LF, no DEL or C1 control. Returns what is wrong, or nil.
    public static func forbiddenCharacter(in value: String, multiline: Bool) -> String? {
        for scalar in value.unicodeScalars where !isAllowed(scalar, multiline: multiline) {
            let code = String(format: "U+%04X", scalar.value)
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                return "must be one line: remove the line break (\(code))"
            }
            return "contains the control character \(code): remove it"
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        switch scalar.value {
        case 0x09: true
        case 0x0A, 0x0D, 0x2028, 0x2029: multiline
        case 0x00...0x1F, 0x7F...0x9F: false
        default: true
        }
    }

    private static func checked(_ value: String, field: String, maximum: Int, multiline: Bool) throws -> String {
        if let problem = forbiddenCharacter(in: value, multiline: multiline) { throw DeskError.invalidField(field, problem) }
        let trimmed = value.trimming(.whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DeskError.invalidField(field, "is empty: write something") }
        guard trimmed.unicodeScalars.count <= maximum else {
            throw DeskError.invalidField(field, "is longer than \(maximum) characters: shorten it")
        }
        return trimmed
    }

    private static func isBlank(_ value: String) -> Bool {
        value.trimming(.whitespacesAndNewlines).isEmpty
    }

    /// CRLF and lone CR become LF, scalar by scalar (Swift sees CRLF as one Character).
    private static func normalizedLineBreaks(_ value: String) -> String {
        guard value.unicodeScalars.contains("\r") else { return value }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            if scalar == "\r" {
                result.append("\n")
                previousWasCR = true
                continue
            }
            if !(scalar == "\n" && previousWasCR) { result.append(scalar) }
            previousWasCR = false
        }
        return String(result)
    }
}
