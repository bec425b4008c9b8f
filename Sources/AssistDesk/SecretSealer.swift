/// Seals secrets kept at rest for a while (a set-password link waiting in the outbox) with the
/// server's credentials key, given by the composition root, so the desk touches no crypto library.
///
/// `context` binds a sealed box to where it is kept: opened under another, it does not open.
public protocol SecretSealer: Sendable {
    func seal(_ plaintext: [UInt8], context: String) throws -> [UInt8]
    /// Nil when the box was altered, belongs elsewhere, or was sealed under another key.
    func open(_ sealed: [UInt8], context: String) -> [UInt8]?
}
