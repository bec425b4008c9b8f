import AssistTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The mail servers the delivery tests talk to: a Postfix of our own on loopback that delivers
/// into Maildirs (Scripts/mail-peers/up.sh), and scripted SMTP peers (aiosmtpd) that answer
/// 421, 451, 550, drop the connection or show a certificate from another CA.
enum MailPeers {
    static var scripts: URL { TestCertificates.repositoryRoot.appendingPathComponent("Scripts/mail-peers") }

    /// A running Postfix: its SMTP port and where it delivers.
    struct Postfix: Sendable {
        let directory: String
        let port: Int
        /// Dovecot's IMAP (STARTTLS) and IMAPS ports over the same Maildirs, when started with `imap: true`.
        var imapPort = 0
        var imapsPort = 0

        /// The messages delivered to `mailbox` (e.g. `customer.test/alice`), parsed as a mail client would.
        func delivered(to mailbox: String) async -> [[String: String]] {
            let result = await ExternalProcess.run("python3", ["-c", MailPeers.parser, "\(directory)/mail/\(mailbox)/new"])
            let data = Data(result.standardOutput.utf8)
            return (try? JSONSerialization.jsonObject(with: data) as? [[String: String]]) ?? []
        }
    }

    /// Starts Postfix (and with `imap`, Dovecot over its Maildirs) for `body`, then stops them and removes their files.
    static func withPostfix(imap: Bool = false, _ body: (Postfix) async throws -> Void) async throws {
        // A port picked free can be taken by a concurrent test before Postfix or Dovecot binds it:
        // such a start is tried again on fresh ports (three times at most), not counted a failure.
        var started: Postfix?
        var failures: [String] = []
        for _ in 1...3 where started == nil {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mail-\(UUID().uuidString.prefix(8))").path
            var peers = Postfix(directory: directory, port: Tools.freePort())
            if imap {
                peers.imapPort = Tools.freePort()
                peers.imapsPort = Tools.freePort()
            }
            let ports = [peers.port] + (imap ? [peers.imapPort, peers.imapsPort] : [])
            let up = await ExternalProcess.run(scripts.appendingPathComponent("up.sh").path, [directory] + ports.map(String.init), timeoutSeconds: 60)
            if up.exitCode == 0 {
                started = peers
            } else {
                failures.append(up.standardError)
                _ = await ExternalProcess.run(scripts.appendingPathComponent("down.sh").path, [directory], timeoutSeconds: 30)
            }
        }
        guard let peers = started else {
            Issue.record("the mail peers did not start: \(failures.joined(separator: "\n---\n"))")
            return
        }
        let directory = peers.directory
        // Stopped off the cooperative pool (`postfix stop` takes seconds; blocking one of the
        // pool's two threads that long stalls every other test).
        let outcome: Result<Void, any Error>
        do {
            try await body(peers)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        _ = await ExternalProcess.run(scripts.appendingPathComponent("down.sh").path, [directory], timeoutSeconds: 30)
        try outcome.get()
    }

    /// Runs a scripted SMTP peer in `mode` (see smtp-peer.py) for `body`, with STARTTLS over
    /// `certificate` when given.
    static func withPeer(_ mode: String, certificate: (chain: String, key: String)?, _ body: (Int) async throws -> Void) async throws {
        let port = Tools.freePort()
        let input = try ChildProcess.pipe(), output = try ChildProcess.pipe()
        let process = try ChildProcess.spawn(
            "python3", [scripts.appendingPathComponent("smtp-peer.py").path, String(port), mode] + (certificate.map { [$0.chain, $0.key] } ?? []),
            standardInput: input.read, standardOutput: output.write)
        close(input.read)
        close(output.write)
        defer {
            close(input.write)  // the peer stops at end of input; reaped (and its stdout closed) off the pool
            Thread {
                process.waitUntilExit()
                close(output.read)  // only now: a peer writing to a closed pipe would die of it
            }.start()
        }
        // "ready\n" once it listens (its first output line, possibly in pieces).
        let ready = await withCheckedContinuation { continuation in
            Thread {
                var line = [UInt8]()
                var byte: UInt8 = 0
                while line.count < 64, read(output.read, &byte, 1) == 1, byte != 10 { line.append(byte) }
                continuation.resume(returning: String(decoding: line, as: UTF8.self))
            }.start()
        }
        guard ready.contains("ready") else {
            Issue.record("the SMTP peer did not start (is aiosmtpd installed? Scripts/test installs it)")
            return
        }
        try await body(port)
    }

    /// Parses each message file of a Maildir `new` folder with Python's email package.
    static let parser = #"""
import email, json, os, sys
from email import policy
folder = sys.argv[1]
out = []
for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
    with open(os.path.join(folder, name), "rb") as f:
        m = email.message_from_binary_file(f, policy=policy.default)
    plain = m.get_body(preferencelist=("plain",))
    html = m.get_body(preferencelist=("html",))
    out.append({k: str(v) for k, v in {
        "subject": m["Subject"], "from": m["From"], "to": m["To"], "messageId": m["Message-ID"],
        "inReplyTo": m["In-Reply-To"] or "", "references": m["References"] or "", "autoSubmitted": m["Auto-Submitted"] or "",
        "date": m["Date"], "contentType": m.get_content_type(),
        "text": plain.get_content() if plain else "", "html": html.get_content() if html else "",
    }.items()})
print(json.dumps(out))
"""#
}
