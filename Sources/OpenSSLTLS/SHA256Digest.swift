import COpenSSL

/// SHA-256 through OpenSSL's EVP interface.
public enum SHA256Digest {
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        OpenSSLErrorQueue.clear()
        let ok = EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha256(), nil) == 1
        precondition(ok, "SHA-256 is always available in OpenSSL")
        return Array(digest.prefix(Int(length)))
    }

    /// Lower-case hexadecimal SHA-256 of the UTF-8 bytes of `text`.
    public static func hex(of text: String) -> String {
        hex(of: Array(text.utf8))
    }

    /// Lower-case hexadecimal SHA-256 of `bytes`.
    public static func hex(of bytes: [UInt8]) -> String {
        hash(bytes).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }
}
