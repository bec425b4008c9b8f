import AssistCore

/// The support desk: every use case, one function each, grouped by area. The JSON API, the
/// web console and mail all call these; they only translate their input and the answer.
///
/// Each use case takes who is acting and typed input, checks roles and ownership, applies the
/// rules, works the stores, and returns a domain value or throws a `DeskError`.
public struct Desk: Sendable {
    public let accounts: AccountDesk
    public let contracts: ContractDesk
    public let calendar: CalendarDesk
    public let sla: SLADesk
    public let tickets: TicketDesk
    public let inbound: InboundDesk
    public let sessions: SessionDesk
    public let entitlements: EntitlementDesk
    public let metering: MeteringDesk
    public let invoices: InvoiceDesk
    public let audit: AuditDesk
    public let signIn: SignInDesk
    /// The one clock every use case takes "now" from; channels show times by it too.
    public let clock: any WallClock

    public init(
        stores: DeskStores, clock: any WallClock, policy: DeskPolicy, secrets: any Secrets, sealer: any SecretSealer, passwords: any PasswordHasher,
        deflate: any DeflateReader, background: any BackgroundWork
    ) {
        let calculators = DeadlineCalculatorSource(calendars: stores.calendars, vipSchedule: policy.vipSchedule)
        let tickets = TicketDesk(
            stores: stores, clock: clock, calculators: calculators, headOfSupportUserId: policy.headOfSupportUserId,
            attachmentLimits: policy.attachmentLimits, deflate: deflate)
        self.clock = clock
        self.accounts = AccountDesk(stores: stores, clock: clock, secrets: secrets)
        self.contracts = ContractDesk(stores: stores, clock: clock, tariffs: policy.tariffs)
        self.calendar = CalendarDesk(calendars: stores.calendars, clock: clock)
        self.sla = SLADesk(calculators: calculators)
        self.tickets = tickets
        self.inbound = InboundDesk(stores: stores, clock: clock, tickets: tickets, newTicketsPerSenderPerDay: policy.newTicketsPerSenderPerDay)
        self.sessions = SessionDesk(stores: stores, clock: clock, policy: policy, secrets: secrets)
        self.entitlements = EntitlementDesk(stores: stores, clock: clock)
        self.metering = MeteringDesk(stores: stores, clock: clock, policy: policy)
        self.invoices = InvoiceDesk(stores: stores, clock: clock, settings: policy.invoicing)
        self.audit = AuditDesk(audit: stores.audit)
        self.signIn = SignInDesk(
            stores: stores, clock: clock, secrets: secrets, sealer: sealer, passwords: passwords,
            throttle: SignInThrottle(policy: policy.signInThrottle, store: stores.signIn), lifetime: policy.webSessions, consoleURL: policy.consoleURL,
            background: background)
    }
}
