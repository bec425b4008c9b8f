import COpenSSL

/// AES-256-GCM through OpenSSL's EVP interface: authenticated encryption for secrets at rest.
///
/// `seal` returns nonce (12 bytes, random) ‖ ciphertext ‖ tag (16 bytes). `associatedData`
/// binds the ciphertext to where it is stored (e.g. a row id): moved elsewhere, it no longer opens.
public enum AESGCM {
    public enum Failure: Error, Sendable, Equatable {
        /// The key is not 32 bytes.
        case badKey
        /// The sealed box was altered, truncated, or opened with the wrong key or associated data.
        case authenticationFailed
        /// OpenSSL refused (out of memory, broken install).
        case openSSL
    }

    static let nonceLength = 12
    static let tagLength = 16

    public static func seal(_ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        guard key.count == 32 else { throw Failure.badKey }
        let nonce = try SecureRandom.bytes(nonceLength)
        guard let context = EVP_CIPHER_CTX_new() else { throw Failure.openSSL }
        defer { EVP_CIPHER_CTX_free(context) }
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: tagLength)
        var length: Int32 = 0
        var total = 0
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
              associatedData.isEmpty || EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1,
              EVP_EncryptUpdate(context, &ciphertext, &length, plaintext, Int32(plaintext.count)) == 1
        else { throw Failure.openSSL }
        total = Int(length)
        let finished = ciphertext.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptFinal_ex(context, buffer.baseAddress! + total, &length)
        }
        guard finished == 1, EVP_CIPHER_CTX_ctrl(context, assist_EVP_CTRL_GCM_GET_TAG(), Int32(tagLength), &tag) == 1 else {
            throw Failure.openSSL
        }
        total += Int(length)
        return nonce + ciphertext.prefix(total) + tag
    }

    public static func open(_ sealed: [UInt8], key: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        guard key.count == 32 else { throw Failure.badKey }
        guard sealed.count >= nonceLength + tagLength else { throw Failure.authenticationFailed }
        let nonce = Array(sealed.prefix(nonceLength))
        var tag = Array(sealed.suffix(tagLength))
        let ciphertext = Array(sealed.dropFirst(nonceLength).dropLast(tagLength))
        guard let context = EVP_CIPHER_CTX_new() else { throw Failure.openSSL }
        defer { EVP_CIPHER_CTX_free(context) }
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var length: Int32 = 0
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
              associatedData.isEmpty || EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1,
              EVP_DecryptUpdate(context, &plaintext, &length, ciphertext, Int32(ciphertext.count)) == 1
        else { throw Failure.openSSL }
        let total = Int(length)
        guard EVP_CIPHER_CTX_ctrl(context, assist_EVP_CTRL_GCM_SET_TAG(), Int32(tagLength), &tag) == 1 else { throw Failure.openSSL }
        let verified = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + total, &length)
        }
        guard verified > 0 else { throw Failure.authenticationFailed }
        return Array(plaintext.prefix(total + Int(length)))
    }
}
