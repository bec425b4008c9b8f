import AssistDesk
import Foundation
import NIOPosix
import OpenSSLCrypto

/// Passwords hashed with scrypt from the system OpenSSL, stored as
/// `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64), so the cost can be raised later without
/// invalidating existing hashes. The work runs on NIO's blocking pool, off the event loops and
/// the cooperative threads.
public struct ScryptPasswordHasher: PasswordHasher {
    let cost: Scrypt.Cost

    public init(cost: Scrypt.Cost = .interactive) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let salt = try SecureRandom.bytes(16)
        let cost = self.cost
        let key = try await NIOThreadPool.singleton.runIfActive {
            try Scrypt.derive(password: Array(password.utf8), salt: salt, cost: cost)
        }
        return ["scrypt", "\(cost.log2N)", "\(cost.r)", "\(cost.p)", Data(salt).base64EncodedString(), Data(key).base64EncodedString()]
            .joined(separator: "$")
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        // Costs outside these bounds are not ours: refuse rather than spend gigabytes on them.
        guard parts.count == 6, parts[0] == "scrypt",
              let log2N = Int(parts[1]), (10...20).contains(log2N),
              let r = Int(parts[2]), (1...32).contains(r),
              let p = Int(parts[3]), (1...4).contains(p),
              let salt = Data(base64Encoded: String(parts[4])),
              let expected = Data(base64Encoded: String(parts[5])), !expected.isEmpty
        else { return false }
        // At most 64 MiB per verify, whatever a stored hash claims.
        guard 128 * r * (1 << log2N) * p <= 64 << 20 else { return false }
        let cost = Scrypt.Cost(log2N: log2N, r: r, p: p)
        guard let key = try? await NIOThreadPool.singleton.runIfActive({
            try Scrypt.derive(password: Array(password.utf8), salt: Array(salt), cost: cost, length: expected.count)
        }) else { return false }
        return ConstantTime.equal(key, Array(expected))
    }
}
