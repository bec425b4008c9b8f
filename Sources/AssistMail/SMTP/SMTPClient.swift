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
    /// message's text leaves. A failure of the connection itself fails the rest as transient.
    @discardableResult
    public func send(_ envelopes: [Envelope], reporting report: @escaping Report = { _, _ in }) async -> [Result<SMTPReply, SMTPFailure>] {
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
        _ channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ envelopes: [Envelope], _ report: @escaping Report
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
                let pipelining = extensions.contains { $0.uppercased() == "PIPELINING" }
                // A letter's outcome is reported (recorded) while the next letter's envelope is
                // answered, and that letter's text waits for the report: the relay never holds
                // two letters whose outcome is not yet recorded, so a process killed mid-batch
                // still resends at most the one in flight.
                await withTaskGroup(of: Void.self) { reporting in
                    for (index, envelope) in envelopes.enumerated() {
                        let result = await deliver(envelope, &session, pipelining: pipelining) { await reporting.waitForAll() }
                        await reporting.waitForAll()
                        results.append(result)
                        reporting.addTask { await report(index, result) }
                    }
                    await reporting.waitForAll()
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
    ///
    /// With a relay that offers PIPELINING (RFC 2920), MAIL FROM, RCPT TO and DATA leave in one
    /// write and their replies are read in order: two round trips a message instead of four.
    /// `beforeText` is awaited before the message's text leaves.
    private func deliver(
        _ envelope: Envelope, _ session: inout Session, pipelining: Bool, beforeText: () async -> Void
    ) async -> Result<SMTPReply, SMTPFailure> {
        do {
            let commands = [("MAIL FROM:<\(envelope.from)>", "MAIL FROM"), ("RCPT TO:<\(envelope.to)>", "RCPT TO")]
            let ready: SMTPReply
            if pipelining {
                try await session.send(commands.map(\.0).joined(separator: "\r\n") + "\r\nDATA")
                var refusal: SMTPFailure?
                for (_, step) in commands {
                    let reply = try await session.reply(after: nil, echo: step)
                    if refusal == nil, reply.code != 250 && reply.code != 251 { refusal = Self.failure(step, reply) }
                }
                ready = try await session.reply(after: nil, echo: "DATA")
                if let refusal {
                    // A relay that took DATA although the envelope was refused gets an empty message, which it cannot deliver.
                    if ready.code == 354 { _ = try await session.reply(after: ".") }
                    await Self.reset(&session)
                    return .failure(refusal)
                }
            } else {
                for (command, step) in commands {
                    let reply = try await session.reply(after: command)
                    guard reply.code == 250 || reply.code == 251 else {
                        await Self.reset(&session)
                        return .failure(Self.failure(step, reply))
                    }
                }
                ready = try await session.reply(after: "DATA")
            }
            guard ready.code == 354 else { return .failure(Self.failure("DATA", ready)) }
            await beforeText()
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

    /// After a refused envelope: the next message starts afresh.
    private static func reset(_ session: inout Session) async {
        try? await session.send("RSET")
        _ = try? await session.reply(after: nil)
    }

    private static func failure(_ step: String, _ reply: SMTPReply) -> SMTPFailure {
        reply.isPermanent ? .permanent("\(step): \(reply)") : .transient("\(step): \(reply)")
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
        var output: [UInt8] = []
        output.reserveCapacity(data.utf8.count + 64)
        for (number, line) in MailText.lines(of: data).enumerated() {
            if number > 0 { output.append(contentsOf: "\r\n".utf8) }
            if line.first == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output += line
        }
        return String(decoding: output, as: UTF8.self)
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
