import Foundation
import Logging
import NIOCore
import NIOPosix
import OpenSSLTLS
import ServiceLifecycle

/// Polls the mailbox the desk owns and files each new letter through `MailIngest` — the same
/// function `assistd ingest` uses — over IMAP through our own OpenSSL client.
///
/// Letters are found by UID and marked with the keyword `AssistFiled` once filed (or refused
/// for good, then also `AssistRefused`), so a letter is fetched again only when the desk could
/// not take it (the database was unavailable). A crash between filing and marking fetches it
/// once more; the desk files the same Message-ID once. People reading the mailbox do not
/// disturb this: `\Seen` is set for them but never relied on.
public struct MailboxPollService: Service {
    public struct Settings: Sendable {
        public var pollInterval: Duration = .seconds(60)
        /// Letters fetched per round; the rest wait for the next one.
        public var batchSize = 50
        public var timeout: TimeAmount = .seconds(60)

        public init() {}
    }

    /// What one round did.
    public struct Round: Sendable, Equatable {
        public var filed = 0
        public var refused = 0
        public var deferred = 0
        /// Unfiled letters left for the next round (beyond the batch, or deferred).
        public var remaining = 0

        public init(filed: Int = 0, refused: Int = 0, deferred: Int = 0, remaining: Int = 0) {
            self.filed = filed
            self.refused = refused
            self.deferred = deferred
            self.remaining = remaining
        }
    }

    static let filedKeyword = "AssistFiled"
    static let refusedKeyword = "AssistRefused"

    let mailbox: IMAPMailbox
    let credentials: MailCredentials
    let tlsContext: OpenSSLContext?
    let ingest: MailIngest
    let settings: Settings
    let logger: Logger
    let group: any EventLoopGroup
    let lease: (any MailboxLease)?

    /// - Parameters:
    ///   - trustRootsFile: the CAs that verify the mailbox server; nil: the system's trust store.
    ///   - lease: with several nodes, the one that holds it polls (each round checks; the others
    ///     wait a poll interval and ask again); nil: this node always polls.
    public init(
        mailbox: IMAPMailbox, credentials: MailCredentials, trustRootsFile: String?, ingest: MailIngest, settings: Settings = Settings(),
        logger: Logger, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, lease: (any MailboxLease)? = nil
    ) throws {
        self.lease = lease
        self.mailbox = mailbox
        self.credentials = credentials
        self.ingest = ingest
        self.settings = settings
        self.logger = logger
        self.group = group
        self.tlsContext = mailbox.security == .plain
            ? nil
            : try OpenSSLContext(configuration: TLSConfiguration(trustRootsFile: trustRootsFile, applicationProtocols: []), role: .client)
    }

    public func run() async throws {
        logger.info("Mail intake from \(mailbox) started", metadata: ["user": "\(credentials.user)"])
        await cancelWhenGracefulShutdown {
            var leading = lease == nil
            while !Task.isCancelled {
                if let lease {
                    let holds = await lease.hold()
                    if holds != leading {
                        logger.info(holds ? "This node polls the mailbox now (it holds the lease)" : "Another node polls the mailbox (it holds the lease)")
                        leading = holds
                    }
                    guard holds else {
                        try? await Task.sleep(for: settings.pollInterval)
                        continue
                    }
                }
                var round = Round()
                do {
                    round = try await pollOnce()
                } catch {
                    logger.error("The mailbox could not be read this round", metadata: ["mailbox": "\(mailbox)", "error": "\(error)"])
                }
                // More waiting than one batch takes: go on at once, unless the desk asked to wait.
                if round.remaining == 0 || round.deferred > 0 { try? await Task.sleep(for: settings.pollInterval) }
            }
        }
        lease?.release()
        logger.info("Mail intake stopped")
    }

    /// One round: sign in, file up to a batch of unfiled letters, mark each, sign out.
    public func pollOnce() async throws -> Round {
        let channel = try await connect()
        return try await withTaskCancellationHandler {
            try await channel.executeThenClose { inbound, outbound in
                var session = IMAPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound, channel: channel.channel, timeout: settings.timeout)
                try await session.greeting()
                if mailbox.security == .startTLS, let tlsContext {
                    try await session.startTLS(tlsContext, serverName: mailbox.host)
                }
                try await session.authenticatePlain(user: credentials.user, password: credentials.password)
                try await session.run("SELECT \"\(mailbox.folder)\"", step: "SELECT \(mailbox.folder)")
                let round = try await fileUnfiled(&session)
                _ = try? await session.run("LOGOUT", step: "LOGOUT")
                return round
            }
        } onCancel: {
            channel.channel.close(promise: nil)
        }
    }

    private func fileUnfiled(_ session: inout IMAPSession) async throws -> Round {
        let search = try await session.run("UID SEARCH UNKEYWORD \(Self.filedKeyword)", step: "UID SEARCH")
        let uids = search.filter { $0.text.uppercased().hasPrefix("SEARCH") }
            .flatMap { $0.text.split(separator: " ").dropFirst().compactMap { UInt32($0) } }
            .sorted()
        var round = Round()
        for (index, uid) in uids.enumerated() {
            guard index < settings.batchSize else { break }
            let sizes = try await session.run("UID FETCH \(uid) (RFC822.SIZE)", step: "UID FETCH \(uid) size")
            if let size = sizes.lazy.compactMap(Self.size(in:)).first, size > IMAPSession.maximumLiteralBytes {
                // Too big to be a letter to support: set aside for people, never fetched again.
                round.refused += 1
                logger.warning("A letter too large to file is left in the mailbox", metadata: ["uid": "\(uid)", "bytes": "\(size)"])
                try await session.run(
                    "UID STORE \(uid) +FLAGS.SILENT (\(Self.filedKeyword) \(Self.refusedKeyword))", step: "UID STORE \(uid)")
                continue
            }
            let fetched = try await session.run("UID FETCH \(uid) (BODY.PEEK[])", step: "UID FETCH \(uid)")
            // A letter deleted meanwhile has no FETCH answer: nothing to file.
            guard let raw = fetched.first(where: { $0.text.contains("FETCH") && !$0.literals.isEmpty })?.literals.first else { continue }
            let result = await ingest.ingest(raw)
            switch result.exitCode {
            case 0:
                round.filed += 1
                try await session.run("UID STORE \(uid) +FLAGS.SILENT (\\Seen \(Self.filedKeyword))", step: "UID STORE \(uid)")
            case 75:
                // The desk cannot file now: leave it (and the rest) for a later round.
                round.deferred += 1
                logger.warning("A letter is left in the mailbox for later", metadata: ["uid": "\(uid)", "reason": "\(result.sentence)"])
                round.remaining = uids.count - index
                return round
            default:
                round.refused += 1
                try await session.run(
                    "UID STORE \(uid) +FLAGS.SILENT (\\Seen \(Self.filedKeyword) \(Self.refusedKeyword))", step: "UID STORE \(uid)")
            }
            logger.info("Mail from the mailbox", metadata: ["uid": "\(uid)", "outcome": "\(result.sentence)"])
        }
        round.remaining = max(0, uids.count - settings.batchSize)
        return round
    }

    /// `RFC822.SIZE n` in a FETCH response.
    static func size(in response: IMAPResponse) -> Int? {
        guard let range = response.text.range(of: "RFC822.SIZE ") else { return nil }
        return Int(response.text[range.upperBound...].prefix { $0.isNumber })
    }

    private func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        do {
            return try await MailConnection.open(
                host: mailbox.host, port: mailbox.port, implicitTLS: mailbox.security == .implicitTLS ? tlsContext : nil, group: group)
        } catch {
            throw IMAPFailure("cannot reach \(mailbox): \(error)")
        }
    }
}
