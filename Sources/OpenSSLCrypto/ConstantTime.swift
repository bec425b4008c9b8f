import COpenSSL

/// Comparison of secrets (PINs, tokens, derived keys) in time that does not depend on where
/// they differ, so timing tells an attacker nothing, byte by byte: OpenSSL's `CRYPTO_memcmp`.
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes. Lengths are not secret: unequal ones are unequal at once.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 } }
    }

    /// The same for the UTF-8 bytes of two strings.
    public static func equal(_ a: String, _ b: String) -> Bool {
        equal(Array(a.utf8), Array(b.utf8))
    }
}
