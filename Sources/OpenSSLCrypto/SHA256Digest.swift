import COpenSSL

/// SHA-256 through OpenSSL's EVP interface.
public enum SHA256Digest {
    /// Fetched once: OpenSSL 3 resolves `EVP_sha256()` through the provider store, under a lock,
    /// on every digest; an explicitly fetched algorithm is immutable and shared by all threads.
    private struct Algorithm: @unchecked Sendable {
        let md: OpaquePointer
    }

    private static let sha256: Algorithm = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else { preconditionFailure("SHA-256 is always available in OpenSSL") }
        return Algorithm(md: md)
    }()

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        OpenSSLErrorQueue.clear()
        let ok = EVP_Digest(bytes, bytes.count, &digest, &length, sha256.md, nil) == 1
        precondition(ok, "SHA-256 is always available in OpenSSL")
        return Array(digest.prefix(Int(length)))
    }

    /// Lower-case hexadecimal SHA-256 of the UTF-8 bytes of `text`.
    public static func hex(of text: String) -> String {
        hex(of: Array(text.utf8))
    }

    /// Lower-case hexadecimal SHA-256 of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hash(bytes) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
