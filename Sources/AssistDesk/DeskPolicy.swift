import AssistCore

/// The configured product decisions the use cases apply (from the server's settings).
public struct DeskPolicy: Sendable {
    /// hourly rates per kind with effective dates, and which tiers pay.
    public var billing = BillingPolicy()
    /// VAT and the seller's requisites; invoices are refused until both are set.
    public var invoicing = InvoicingSettings()
    /// prices, with the configured monthly VIP price.
    public var tariffs = Tariffs(vipMonthKopecks: nil)
    /// the VIP clock's calendar.
    public var vipSchedule: WorkingSchedule = .vip
    /// Digits of TeamViewer and AmmyAdmin IDs.
    public var remoteIDRules = RemoteIDRules()
    /// How long a customer has to join a remote session.
    public var sessionJoinMinutes = 15
    /// R-1.4 (`SessionLifetime`): an active remote session is ended after this many hours.
    public var sessionMaximumHours = 12
    /// A metered session running longer is flagged for review.
    public var meteringMaximumSeconds = 8 * 3600
    /// Letters from one address open at most this many tickets a Moscow day; the rest are held
    /// for staff (a mail loop or a flood never becomes a thousand tickets).
    public var newTicketsPerSenderPerDay = 40
    /// how many files, and how large, a message may carry.
    public var attachmentLimits = AttachmentLimits()
    /// the user (the head of support) told of escalations; nil: the admins are.
    public var headOfSupportUserId: Int64?

    /// The web console's origin as people reach it (`web.publicURL`): the links in letters point there.
    public var consoleURL = "https://localhost:8443"
    /// How long web sessions and set-password links live.
    public var webSessions = WebSessionLifetime()
    /// How failed web sign-ins slow down.
    public var signInThrottle = SignInThrottle.Policy()

    public init() {}
}
