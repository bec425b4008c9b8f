import OpenSSLCrypto
import Testing

@Suite("AES-256-GCM for secrets at rest")
struct AESGCMTests {
    let key = (0..<32).map { UInt8($0) }
    let secret = Array("PIN 481516, password 2342".utf8)

    @Test("sealed data opens with the same key and associated data, and never shows the plaintext")
    func roundTrip() throws {
        let sealed = try AESGCM.seal(secret, key: key, associatedData: Array("session:7".utf8))
        #expect(sealed.count == 12 + secret.count + 16)
        #expect(!sealed.windows(ofCount: 6).contains { Array($0) == Array(secret.prefix(6)) })
        #expect(try AESGCM.open(sealed, key: key, associatedData: Array("session:7".utf8)) == secret)
        #expect(try AESGCM.seal(secret, key: key, associatedData: []) != AESGCM.seal(secret, key: key, associatedData: []), "fresh nonce each time")
    }

    @Test("altered data, another record's associated data, or another key fail authentication")
    func tampering() throws {
        let sealed = try AESGCM.seal(secret, key: key, associatedData: Array("session:7".utf8))
        var flipped = sealed
        flipped[20] ^= 0x01
        #expect(throws: AESGCM.Failure.authenticationFailed) { try AESGCM.open(flipped, key: key, associatedData: Array("session:7".utf8)) }
        #expect(throws: AESGCM.Failure.authenticationFailed) { try AESGCM.open(sealed, key: key, associatedData: Array("session:8".utf8)) }
        #expect(throws: AESGCM.Failure.authenticationFailed) { try AESGCM.open(sealed, key: key.reversed(), associatedData: Array("session:7".utf8)) }
        #expect(throws: AESGCM.Failure.authenticationFailed) { try AESGCM.open(Array(sealed.prefix(20)), key: key, associatedData: []) }
        #expect(throws: AESGCM.Failure.badKey) { try AESGCM.seal(secret, key: Array(key.prefix(16)), associatedData: []) }
    }
}

extension Array {
    /// Consecutive slices of `count` elements.
    func windows(ofCount count: Int) -> [ArraySlice<Element>] {
        guard self.count >= count else { return [] }
        return (0...(self.count - count)).map { self[$0..<$0 + count] }
    }
}
