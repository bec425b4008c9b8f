import AssistCore
import Foundation
import NIOCore
import NIOPosix
import OpenSSLTLS

/// Hands messages to a relay over SMTP (RFC 5321), through our own OpenSSL client: STARTTLS
/// or implicit TLS with the relay's certificate and name verified, or plain on loopback only.
///
/// One `session` is one connection: greeting, EHLO, TLS, optional AUTH, then any number of
/// messages, then QUIT. Every wait has a time limit; a dropped connection or a timeout is a
/// transient failure (the message is tried again later), a 5xx a permanent one.
public struct SMTPClient: Sendable {
    let relay: SMTPRelay
    let tlsContext: OpenSSLContext?
    let credentials: MailCredentials?
    /// The name we greet with (our mail domain).
    let heloName: String
    var timeout: TimeAmount = .seconds(30)
    let group: any EventLoopGroup

    /// - Parameter trustRootsFile: the CAs that verify the relay; nil: the system's trust store.
    public init(
        relay: SMTPRelay, trustRootsFile: String?, credentials: MailCredentials?, heloName: String,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws {
        self.relay = relay
        self.credentials = credentials
        self.heloName = heloName
        self.group = group
        self.tlsContext = relay.security == .plain
            ? nil
            : try OpenSSLContext(configuration: TLSConfiguration(trustRootsFile: trustRootsFile, applicationProtocols: []), role: .client)
    }

    /// One message: the envelope sender and recipient and the whole RFC 5322 text.
    public struct Envelope: Sendable {
        public let from: String
        public let to: String
        public let data: String

        public init(from: String, to: String, data: String) {
            self.from = from
            self.to = to
            self.data = data
        }
    }

    /// What happened to envelope number `index`, told as soon as the relay answered it.
    public typealias Report = @Sendable (_ index: Int, _ result: Result<SMTPReply, SMTPFailure>) async -> Void

    /// Opens a connection, sends each envelope, and reports each one's outcome as soon as it is
    /// known — the relay's 250 reply, or why it failed — so the caller records it before the next
    /// message leaves. A failure of the connection itself fails the rest as transient.
    @discardableResult
    public func send(_ envelopes: [Envelope], reporting report: Report = { _, _ in }) async -> [Result<SMTPReply, SMTPFailure>] {
        guard !envelopes.isEmpty else { return [] }
        do {
            let channel = try await connect()
            return await withTaskCancellationHandler {
                await conversation(channel, envelopes, report)
            } onCancel: {
                channel.channel.close(promise: nil)
            }
        } catch let failure as SMTPFailure {
            return await Self.failRest(envelopes, from: 0, failure, report)
        } catch {
            return await Self.failRest(envelopes, from: 0, .transient("cannot reach \(relay): \(error)"), report)
        }
    }

    private static func failRest(_ envelopes: [Envelope], from start: Int, _ failure: SMTPFailure, _ report: Report) async -> [Result<SMTPReply, SMTPFailure>] {
        var results: [Result<SMTPReply, SMTPFailure>] = []
        for index in start..<envelopes.count {
            results.append(.failure(failure))
            await report(index, .failure(failure))
        }
        return results
    }

    private func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await MailConnection.open(
            host: relay.host, port: relay.port, implicitTLS: relay.security == .implicitTLS ? tlsContext : nil, group: group)
    }

    private func conversation(
        _ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ envelopes: [Envelope], _ report: Report
    ) async -> [Result<SMTPReply, SMTPFailure>] {
        var results: [Result<SMTPReply, SMTPFailure>] = []
        do {
            try await channel.executeThenClose { inbound, outbound in
                var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound, timeout: timeout, channel: channel.channel)
                try await session.expect(220, after: nil, "greeting")
                var extensions = try await session.expect(250, after: "EHLO \(heloName)", "EHLO").lines
                if relay.security == .startTLS {
                    guard extensions.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                        throw SMTPFailure.transient("\(relay) does not offer STARTTLS, and mail is not sent without TLS")
                    }
                    try await session.expect(220, after: "STARTTLS", "STARTTLS")
                    guard let tlsContext else { throw SMTPFailure.transient("no TLS context") }
                    try await channel.channel.pipeline.addHandler(OpenSSLHandler(context: tlsContext, serverName: relay.host), position: .first)
                    extensions = try await session.expect(250, after: "EHLO \(heloName)", "EHLO after STARTTLS").lines
                }
                if let credentials {
                    try await authenticate(&session, credentials, extensions: extensions)
                }
                for (index, envelope) in envelopes.enumerated() {
                    let result = await deliver(envelope, &session)
                    results.append(result)
                    await report(index, result)
                }
                try? await session.send("QUIT")
            }
        } catch let failure as SMTPFailure {
            results += await Self.failRest(envelopes, from: results.count, failure, report)
        } catch {
            results += await Self.failRest(envelopes, from: results.count, .transient("the connection to \(relay) failed: \(error)"), report)
        }
        return results
    }

    /// One message; a refusal of it is its own result, a broken connection is thrown.
    private func deliver(_ envelope: Envelope, _ session: inout Session) async -> Result<SMTPReply, SMTPFailure> {
        do {
            for (command, step) in [("MAIL FROM:<\(envelope.from)>", "MAIL FROM"), ("RCPT TO:<\(envelope.to)>", "RCPT TO")] {
                let reply = try await session.reply(after: command)
                guard reply.code == 250 || reply.code == 251 else {
                    try? await session.send("RSET")
                    _ = try? await session.reply(after: nil)
                    return .failure(reply.isPermanent ? .permanent("\(step): \(reply)") : .transient("\(step): \(reply)"))
                }
            }
            let ready = try await session.reply(after: "DATA")
            guard ready.code == 354 else {
                return .failure(ready.isPermanent ? .permanent("DATA: \(ready)") : .transient("DATA: \(ready)"))
            }
            let accepted = try await session.reply(after: Self.dotStuffed(envelope.data) + "\r\n.")
            guard accepted.code == 250 else {
                return .failure(accepted.isPermanent ? .permanent(accepted.description) : .transient(accepted.description))
            }
            return .success(accepted)
        } catch let failure as SMTPFailure {
            return .failure(failure)
        } catch {
            return .failure(.transient("the connection to \(relay) failed: \(error)"))
        }
    }

    private func authenticate(_ session: inout Session, _ credentials: MailCredentials, extensions: [String]) async throws {
        let mechanisms = extensions.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").dropFirst() ?? []
        if mechanisms.contains("PLAIN") {
            let token = Data("\0\(credentials.user)\0\(credentials.password)".utf8).base64EncodedString()
            let reply = try await session.reply(after: "AUTH PLAIN \(token)", echo: "AUTH PLAIN ***")
            guard reply.code == 235 else { throw SMTPFailure.transient("\(relay) refused the credentials: \(reply.code)") }
        } else if mechanisms.contains("LOGIN") {
            try await session.expect(334, after: "AUTH LOGIN", "AUTH LOGIN")
            try await session.expect(334, after: Data(credentials.user.utf8).base64EncodedString(), "AUTH LOGIN user")
            let reply = try await session.reply(after: Data(credentials.password.utf8).base64EncodedString(), echo: "***")
            guard reply.code == 235 else { throw SMTPFailure.transient("\(relay) refused the credentials: \(reply.code)") }
        } else {
            throw SMTPFailure.transient("\(relay) offers no AUTH PLAIN or LOGIN, but credentials are configured")
        }
    }

    /// RFC 5321 §4.5.2: a line that starts with a dot gets another; CRLF line ends throughout.
    static func dotStuffed(_ data: String) -> String {
        data.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }

    /// The line-by-line conversation over one connection.
    struct Session {
        var lines: MailLines

        init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, timeout: TimeAmount, channel: any Channel) {
            lines = MailLines(inbound: inbound, outbound: outbound, channel: channel, timeout: timeout, maximumLineBytes: 64 * 1024)
        }

        mutating func send(_ line: String) async throws {
            do {
                try await lines.send(line)
            } catch .broken(let reason) {
                throw SMTPFailure.transient("the connection failed: \(reason)")
            } catch .writeFailed(let error) {
                throw error
            } catch {
                throw error
            }
        }

        /// Sends `command` (if any) and reads the whole reply.
        mutating func reply(after command: String?, echo: String? = nil) async throws -> SMTPReply {
            if let command { try await send(command) }
            var lines: [String] = []
            while true {
                let line = try await nextLine(step: echo ?? command.map { String($0.prefix(12)) } ?? "greeting")
                guard line.count >= 3, let code = Int(line.prefix(3)) else {
                    throw SMTPFailure.transient("the relay answered something that is not SMTP: \(line.prefix(60))")
                }
                lines.append(String(line.dropFirst(4)))
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                    return SMTPReply(code: code, lines: lines)
                }
            }
        }

        @discardableResult
        mutating func expect(_ code: Int, after command: String?, _ step: String) async throws -> SMTPReply {
            let reply = try await reply(after: command)
            guard reply.code == code else {
                throw reply.isPermanent ? SMTPFailure.permanent("\(step): \(reply)") : SMTPFailure.transient("\(step): \(reply)")
            }
            return reply
        }

        private mutating func nextLine(step: String) async throws -> String {
            do {
                return try await lines.readLine().trimming(.newlines)
            } catch .overlong {
                throw SMTPFailure.transient("the relay sent an overlong line")
            } catch .readFailed(let error) {
                // A TLS failure says why (e.g. the relay's certificate did not verify).
                throw SMTPFailure.transient("the connection failed during \(step): \(error)")
            } catch {
                throw SMTPFailure.transient(
                    "the relay closed the connection or did not answer during \(step) (time limit \(lines.timeoutSeconds) s)")
            }
        }
    }
}
