import Foundation
import NIOCore
import OpenSSLTLS

/// The tagged conversation over one IMAP connection (RFC 9051 / 3501): a command out, untagged
/// responses and literals in, until the command's own tagged status. Every read has a time
/// limit; a server that stops answering has its connection closed.
struct IMAPSession {
    var lines: MailLines
    private var nextTag = 1

    /// A literal larger than this ends the connection: no letter the desk files is that big.
    static let maximumLiteralBytes = MailParser.maximumBytes + 1024 * 1024
    /// A line (without literals) longer than this is not IMAP we can use.
    static let maximumLineBytes = 4 * 1024 * 1024

    init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, channel: any Channel, timeout: TimeAmount) {
        lines = MailLines(inbound: inbound, outbound: outbound, channel: channel, timeout: timeout, maximumLineBytes: Self.maximumLineBytes)
    }

    /// The server's greeting: `* OK` (or `* PREAUTH`); `* BYE` means it will not talk to us.
    mutating func greeting() async throws {
        let line = try await readResponseLine()
        guard line.text.hasPrefix("* OK") || line.text.hasPrefix("* PREAUTH") else {
            throw IMAPFailure("the mailbox server did not greet us: \(line.text.prefix(80))")
        }
    }

    /// Sends `command` and collects its untagged responses; a `NO` or `BAD` is thrown with
    /// `step` (the command is never echoed: it may carry credentials).
    @discardableResult
    mutating func run(_ command: String, step: String) async throws -> [IMAPResponse] {
        let tag = takeTag()
        try await send("\(tag) \(command)")
        return try await collect(until: tag, step: step)
    }

    /// AUTHENTICATE PLAIN (RFC 4616) without the initial response, which every server offering
    /// PLAIN accepts: any byte of the password is fine, nothing needs quoting.
    mutating func authenticatePlain(user: String, password: String) async throws {
        let tag = takeTag()
        try await send("\(tag) AUTHENTICATE PLAIN")
        let prompt = try await readResponseLine()
        guard prompt.text.hasPrefix("+") else {
            throw IMAPFailure("the mailbox server does not accept AUTHENTICATE PLAIN: \(prompt.text.prefix(80))")
        }
        try await send(Data("\0\(user)\0\(password)".utf8).base64EncodedString())
        _ = try await collect(until: tag, step: "sign-in as \(user) (the password was refused or the account is locked)")
    }

    /// Hands the connection to TLS after a successful `STARTTLS`.
    mutating func startTLS(_ context: OpenSSLContext, serverName: String) async throws {
        try await run("STARTTLS", step: "STARTTLS")
        // Anything the server sent before the handshake would be a plaintext injection (RFC 2595 §3.1).
        guard lines.pending.readableBytes == 0 else { throw IMAPFailure("the mailbox server sent data before TLS began") }
        try await lines.channel.pipeline.addHandler(OpenSSLHandler(context: context, serverName: serverName), position: .first)
    }

    private mutating func takeTag() -> String {
        defer { nextTag += 1 }
        return "a\(nextTag)"
    }

    private mutating func send(_ line: String) async throws {
        do {
            try await lines.send(line)
        } catch .broken(let reason) {
            throw IMAPFailure("the connection failed: \(reason)")
        } catch .writeFailed(let error) {
            throw IMAPFailure("the connection failed: \(error)")
        } catch {
            throw failure(error)
        }
    }

    private mutating func collect(until tag: String, step: String) async throws -> [IMAPResponse] {
        var responses: [IMAPResponse] = []
        while true {
            let line = try await readResponseLine()
            if line.text.hasPrefix("* ") {
                responses.append(IMAPResponse(text: String(line.text.dropFirst(2)), literals: line.literals))
            } else if line.text.hasPrefix("\(tag) ") {
                let status = line.text.dropFirst(tag.count + 1)
                guard status.uppercased().hasPrefix("OK") else {
                    throw IMAPFailure("the mailbox server refused \(step): \(status.prefix(120))")
                }
                return responses
            } else if line.text.hasPrefix("+") {
                throw IMAPFailure("the mailbox server asked for more during \(step)")
            }
            // Anything else (another tag) is not ours to read: skipped.
        }
    }

    /// One response line, with every literal it announces read in full.
    private mutating func readResponseLine() async throws -> IMAPResponse {
        var text = ""
        var literals: [[UInt8]] = []
        while true {
            let line = try await readLine()
            text += line
            // `{123}` or `{123+}` at the end of a line: that many bytes follow, then the line goes on.
            guard line.hasSuffix("}"), let open = line.lastIndex(of: "{"),
                  let size = Int(line[line.index(after: open)..<line.index(before: line.endIndex)].filter { $0 != "+" })
            else { return IMAPResponse(text: text, literals: literals) }
            guard size <= Self.maximumLiteralBytes else {
                throw IMAPFailure("the mailbox server sent \(size) bytes at once, more than a letter may have (\(Self.maximumLiteralBytes))")
            }
            literals.append(try await readBytes(size))
        }
    }

    private mutating func readLine() async throws -> String {
        do { return try await lines.readLine() } catch { throw failure(error) }
    }

    private mutating func readBytes(_ count: Int) async throws -> [UInt8] {
        do { return try await lines.readBytes(count) } catch { throw failure(error) }
    }

    private func failure(_ failure: MailLines.Failure) -> IMAPFailure {
        switch failure {
        case .overlong: IMAPFailure("the mailbox server sent an overlong line")
        case .readFailed(let error), .broken(let error), .writeFailed(let error): IMAPFailure("the connection to the mailbox server failed: \(error)")
        case .closed: IMAPFailure("the mailbox server closed the connection or did not answer within \(lines.timeoutSeconds) s")
        }
    }
}
