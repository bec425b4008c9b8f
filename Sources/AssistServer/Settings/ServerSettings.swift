import Foundation
import AssistDesk
import AssistCore
import OpenSSLTLS

/// Everything `assistd serve` needs to start, after flags, environment and file were merged.
///
/// Precedence, highest first: command-line flag, `ASSIST_*` environment variable, the JSON
/// configuration file (`--config`, `ASSIST_CONFIG`), the default below.
public struct ServerSettings: Sendable, Equatable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8443
    public var databasePath: String = "var/assist.sqlite"
    /// Connections this node keeps to a PostgreSQL database at most (`postgres.connections`): each
    /// transaction holds one, so it bounds the node's writes in flight. Unused on SQLite.
    public var databaseConnections: Int = 10
    public var tlsCertificatePath: String = "Certs/dev/server.pem"
    public var tlsKeyPath: String = "Certs/dev/server.key"
    public var tlsClientCAPath: String?
    public var clientAuthentication: ClientAuthentication = .none
    /// The largest request body accepted, in bytes.
    public var maxBodyBytes: Int = 4 * 1024 * 1024
    /// A connection with no request for this long is closed (also bounds a stalled handshake).
    public var idleTimeoutSeconds: Int = 60
    /// A request's head must be complete this long after its first byte (for the first request
    /// of a connection, the TLS handshake included).
    public var requestHeadTimeoutSeconds: Int = 30
    /// A request's body must be complete this long after its head, plus a second for every
    /// `minimumBodyBytesPerSecond` bytes received.
    public var requestBodyTimeoutSeconds: Int = 60
    public var minimumBodyBytesPerSecond: Int = 1024
    /// Connections served at once; more wait in the listen backlog until one closes.
    public var maxConnections: Int = 4096
    /// Invalid tokens one address may send in a minute before its answers are slowed down.
    public var freeAuthFailuresPerMinute: Int = 5
    /// Reverse proxies whose `X-Forwarded-For` names the client (throttles and logs then count
    /// people, not the proxy); empty: the header is ignored.
    public var trustedProxies: Set<String> = []
    public var logLevel: String = "info"
    /// 32 random bytes that encrypt remote-session credentials (AES-256-GCM); owner-only.
    public var credentialsKeyPath: String = "var/credentials.key"
    /// How long a customer has to join a remote session.
    public var sessionJoinMinutes: Int = 15
    /// an active remote session is ended (its credentials wiped) after this many hours.
    public var sessionMaximumHours: Int = 12
    /// Web console: a session ends after this many minutes without a request…
    public var webIdleMinutes: Int = 30
    /// …and this many hours after sign-in, whatever happens.
    public var webSessionHours: Int = 12
    /// Seconds the server's clock runs ahead of (or, negative, behind) the system's
    /// (`clock.offsetSeconds`): for tests and drills only; nil, the system clock.
    public var clockOffsetSeconds: Double?

    /// The clock this process decides by: the system's, or one shifted by `clockOffsetSeconds`.
    public func makeClock() -> any WallClock {
        clockOffsetSeconds.map { ShiftedClock(offsetSeconds: $0) } ?? SystemClock()
    }

    /// The console's origin as people reach it (`https://support.example.ru`), where the links in
    /// letters point; nil: `https://localhost:<port>`. Never taken from a request's `Host`.
    public var webPublicURL: String?

    /// `webPublicURL`, or the local address it defaults to.
    public var consoleURL: String {
        webPublicURL ?? "https://localhost:\(port == 0 ? 8443 : port)"
    }
    /// by mail: the `authserv-id`s (lower-cased) of the receiving MTAs whose
    /// `Authentication-Results` vouch for a sender; empty: no letter's sender is vouched for, so
    /// mail opens tickets at the level an unregistered sender gets.
    public var mailAuthservIds: Set<String> = []
    /// Letters from one address open at most this many tickets a Moscow day; the rest are held.
    public var newTicketsPerSenderPerDay: Int = 40
    /// A metered session running longer than this is flagged for review instead of billed silently.
    public var meteringMaximumHours: Int = 8
    /// Digits of TeamViewer and AmmyAdmin IDs (vendors change them).
    public var remoteIDRules = RemoteIDRules()
    /// VIP tickets on the 10:00–20:00 working-day calendar (false) or 24x7 (true).
    public var vipAroundTheClock = false
    /// the monthly VIP price is not in the regulation; nil until an admin configures it.
    public var vipMonthKopecks: Int64?
    /// hourly rates per kind with effective dates, and which tiers pay.
    public var billing = BillingPolicy()
    /// VAT and the seller's requisites; invoices are refused until both are set.
    public var invoicing = InvoicingSettings()
    /// the user id of the head of support, told of escalations; nil: the admins are.
    public var headOfSupportUserId: Int64?
    /// the head of support's published address; a letter to it (To or Cc) escalates its ticket.
    public var headOfSupportAddress: String?
    /// E-mail delivery of the outbox; nil: notifications stay in the outbox (the log and
    /// `/healthz` say so).
    public var mail: MailSettings?
    /// files per message and their sizes (an upload is also bounded by `maxBodyBytes`).
    public var attachmentLimits = AttachmentLimits()
    /// The mailbox polled for customers' letters; nil: mail comes in only through `assistd ingest`.
    public var mailbox: MailboxSettings?

    public init() {}
}
