/// What a new password must be: long enough to resist guessing, short enough not to be a
/// denial of service through the slow hash, and free of characters no keyboard types.
enum PasswordRules {
    static let minimumCharacters = 10
    static let maximumBytes = 1024

    static func check(_ password: String, repeated: String?, email: String?) throws(DeskError) {
        if let repeated, repeated != password { throw DeskError.passwordRejected("the two passwords differ: type the same one twice") }
        guard password.count >= minimumCharacters else {
            throw DeskError.passwordRejected("is shorter than \(minimumCharacters) characters: choose a longer one, e.g. a phrase of several words")
        }
        guard password.utf8.count <= maximumBytes else { throw DeskError.passwordRejected("is longer than \(maximumBytes) bytes") }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DeskError.passwordRejected("contains control characters")
        }
        if let email, password.lowercased() == email.lowercased() { throw DeskError.passwordRejected("is your e-mail address") }
    }
}
