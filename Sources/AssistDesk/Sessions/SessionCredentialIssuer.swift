import AssistCore

/// Makes a session's code and one-time PIN from a cryptographically secure generator.
struct SessionCredentialIssuer {
    let secrets: any Secrets

    /// No 0/O or 1/I: read aloud over the phone, they are easy to mistake.
    static let codeAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    func issue() throws -> SessionCredentials {
        // 32 letters: five random bits per character, no bias.
        let code = try secrets.randomBytes(8).map { Self.codeAlphabet[Int($0 & 31)] }
        return SessionCredentials(sessionCode: String(code.prefix(4)) + "-" + String(code.suffix(4)), pin: try pin(), passedPassword: nil)
    }

    /// Six uniformly random digits (rejection sampling, so no digit is likelier than another).
    func pin() throws -> String {
        while true {
            let value = try secrets.randomBytes(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let limit = UInt32.max - UInt32.max % 1_000_000
            if value < limit {
                let digits = String(value % 1_000_000)
                return String(repeating: "0", count: 6 - digits.count) + digits
            }
        }
    }
}
