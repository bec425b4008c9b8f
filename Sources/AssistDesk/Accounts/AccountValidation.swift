import AssistCore
import Foundation

/// Turns account inputs into validated values, or a problem saying what to fix.
public enum AccountValidation {
    /// A person's, customer's, contract's or token's name: one line of at most 200 characters.
    public static func name(_ text: String, field: String) throws -> String {
        try TextValidation.line(text, field: field, maximum: 200)
    }

    public static func email(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard let email = EmailAddress.normalized(text) else {
            throw DeskError(
                .invalid, code: .invalidEmail, title: "Invalid e-mail address",
                detail: "'\(text)' is not an e-mail address: send one like support@example.ru.")
        }
        return email
    }

    public static func phone(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard let phone = PhoneNumber.normalized(text) else {
            throw DeskError(
                .invalid, code: .invalidPhone, title: "Invalid phone number",
                detail: "'\(text)' is not a phone number: send 10 to 15 digits, e.g. +7 495 123-45-67.")
        }
        return phone
    }

    public static func inn(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard TaxpayerNumbers.isValidINN(text) else {
            throw DeskError(
                .invalid, code: .invalidInn, title: "Invalid INN",
                detail: "'\(text)' is not a valid INN (its check digits do not match): send the 10- or 12-digit INN from the registration documents.")
        }
        return text
    }

    public static func kpp(_ text: String?) throws -> String? {
        guard let text else { return nil }
        guard TaxpayerNumbers.isValidKPP(text) else {
            throw DeskError(
                .invalid, code: .invalidKpp, title: "Invalid KPP",
                detail: "'\(text)' is not a KPP: send 9 characters, e.g. 773601001.")
        }
        return text
    }

    public static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text) else {
            throw DeskError.invalidField("role", "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return role
    }
}
