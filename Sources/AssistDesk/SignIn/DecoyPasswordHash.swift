/// A hash of a random password, made once per process: sign-ins for addresses without an
/// account are verified against it, so a miss costs the same time as a hit.
actor DecoyPasswordHash {
    private var value: String?

    func hash(using passwords: any PasswordHasher, secrets: any Secrets) async throws -> String {
        if let value { return value }
        let made = try await passwords.hash(TokenIssuer.base64URL(try secrets.randomBytes(16)))
        value = made
        return made
    }
}
