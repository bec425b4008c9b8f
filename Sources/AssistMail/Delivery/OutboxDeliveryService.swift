import AssistCore
import AssistDesk
import Foundation
import Logging
import ServiceLifecycle

/// Drains the outbox to the relay: claims due notifications (in a transaction, before any is
/// sent), sends them over one SMTP connection, and records each outcome — sent with the
/// relay's reply, deferred with the next attempt, or failed (the address flagged, staff told).
///
/// Runs in the server's service group until graceful shutdown. A process killed mid-send leaves
/// its claims in `sending`; they are claimed again after `staleAfter`, so a message the relay
/// took may be sent twice (at least once), and none is lost.
public struct OutboxDeliveryService: Service {
    public struct Settings: Sendable {
        public var from: String
        public var fromName = "Техническая поддержка iStom"
        public var retry = RetrySchedule()
        /// How often the outbox is looked at when there was nothing to send.
        public var pollInterval: Duration = .seconds(1)
        /// Messages per SMTP connection.
        public var batchSize = 50
        /// SMTP connections working at once: one conversation waits on the relay's answer to
        /// every command, so a backlog drains about this many times faster (`mail.connections`).
        public var connections = 16
        /// A claim older than this is taken to be from a process that died (`mail.reclaimAfterSeconds`).
        public var staleAfter: TimeInterval = 600

        public init(from: String) {
            self.from = from
        }

        /// Our Message-IDs are on the sender's domain.
        var domain: String { from.split(separator: "@").last.map(String.init) ?? "assistbroker.local" }
    }

    let outbox: any OutboxStore
    let client: SMTPClient
    let settings: Settings
    /// Opens the secrets letters carry sealed (`LetterSecret`); the server's credentials key.
    let sealer: any SecretSealer
    /// When letters are claimed and their outcomes recorded, and when a deferred one is due again.
    let clock: any WallClock
    let logger: Logger

    public init(
        outbox: any OutboxStore, client: SMTPClient, settings: Settings, sealer: any SecretSealer, clock: any WallClock, logger: Logger
    ) {
        self.outbox = outbox
        self.client = client
        self.settings = settings
        self.sealer = sealer
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        logger.info("Mail delivery to \(client.relay) started", metadata: ["from": "\(settings.from)"])
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var claimed = 0
                do {
                    claimed = try await deliverDue()
                } catch {
                    // The database failed (busy, disk full): a letter sent but not recorded stays claimed and is
                    // sent again once the claim is stale (at least once); try again shortly.
                    logger.error("Mail delivery could not work the outbox", metadata: ["error": "\(error)"])
                }
                if claimed == 0 { try? await Task.sleep(for: settings.pollInterval) }
            }
        }
        logger.info("Mail delivery stopped")
    }

    /// One round: claims what is due and sends it. Returns how many were claimed.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let now = clock.now
        let due = try await outbox.claimDueNotifications(
            limit: settings.batchSize * max(1, settings.connections), messageIdDomain: settings.domain, staleAfter: settings.staleAfter, at: now)
        guard !due.isEmpty else { return 0 }
        let composer = MailComposer(from: settings.from, fromName: settings.fromName)
        let unrecorded = UnrecordedOutcomes()
        // One batch per connection, sent side by side (a small outbox still goes over one).
        let batches = stride(from: 0, to: due.count, by: settings.batchSize).map { Array(due[$0..<min($0 + settings.batchSize, due.count)]) }
        await withTaskGroup(of: Void.self) { group in
            for batch in batches {
                group.addTask { await send(batch, composer: composer, at: now, unrecorded: unrecorded) }
            }
        }
        // The database failed under a record: the claim stays and is retried once stale (at least once).
        if let error = await unrecorded.first { throw error }
        return due.count
    }

    /// One SMTP connection's batch. Each outcome is recorded the moment the relay gives it: a
    /// process killed mid-batch sends again only the letter in flight, never one the relay took.
    private func send(_ batch: [OutboxNotification], composer: MailComposer, at now: Date, unrecorded: UnrecordedOutcomes) async {
        let envelopes = batch.map { notification in
            SMTPClient.Envelope(
                from: settings.from, to: notification.recipient,
                data: composer.compose(withSecret(notification), at: now, boundary: "=_assist_\(notification.id)_\(UUID().uuidString.prefix(8))"))
        }
        await client.send(envelopes) { index, result in
            do {
                try await record(result, for: batch[index], at: clock.now)
            } catch {
                await unrecorded.add(error)
            }
        }
    }

    /// The letter as its recipient gets it: the sealed secret opened into its marker's place
    /// (`LetterSecret`), here and nowhere else, never logged or stored.
    private func withSecret(_ notification: OutboxNotification) -> OutboxNotification {
        var letter = notification
        let context = LetterSecret.sealingContext(recipient: notification.recipient)
        let secret = notification.sealedSecret.flatMap { sealer.open($0, context: context) }.map { String(decoding: $0, as: UTF8.self) }
        if notification.sealedSecret != nil, secret == nil {
            // Sealed under another key (it was replaced) or damaged: the letter says the link is gone.
            logger.warning("A letter's sealed link does not open with this server's credentials key: sent without it", metadata: ["notification": "\(notification.id)"])
        }
        letter.body = LetterSecret.render(notification.body, secret: secret)
        letter.sealedSecret = nil
        return letter
    }

    private func record(_ result: Result<SMTPReply, SMTPFailure>, for notification: OutboxNotification, at now: Date) async throws {
        switch result {
        case .success(let reply):
            try await outbox.markSent(notificationId: notification.id, reply: reply.description, at: now)
            logger.debug("Mail sent", metadata: ["notification": "\(notification.id)", "reply": "\(reply)"])
        case .failure(let failure) where failure.kind == .transient:
            if let next = settings.retry.nextAttempt(after: notification.attempts, createdAt: notification.createdAt, now: now) {
                try await outbox.markDeferred(notificationId: notification.id, reply: failure.reason, nextAttempt: next, at: now)
                logger.info("Mail deferred", metadata: ["notification": "\(notification.id)", "reason": "\(failure.reason)"])
            } else {
                try await outbox.markFailed(notificationId: notification.id, reply: "retries exhausted: \(failure.reason)", at: now)
                logger.warning("Mail failed: retries exhausted", metadata: ["notification": "\(notification.id)"])
            }
        case .failure(let failure):
            try await outbox.markFailed(notificationId: notification.id, reply: failure.reason, at: now)
            logger.warning("Mail failed", metadata: ["notification": "\(notification.id)", "reason": "\(failure.reason)"])
        }
    }
}
