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

    public init(
        stores: DeskStores, policy: DeskPolicy, secrets: any Secrets, sealer: any SecretSealer, passwords: any PasswordHasher, deflate: any DeflateReader
    ) {
        let calculators = DeadlineCalculatorSource(calendars: stores.calendars, vipSchedule: policy.vipSchedule)
        let tickets = TicketDesk(
            stores: stores, calculators: calculators, headOfSupportUserId: policy.headOfSupportUserId, attachmentLimits: policy.attachmentLimits,
            deflate: deflate)
        self.accounts = AccountDesk(stores: stores, secrets: secrets)
        self.contracts = ContractDesk(stores: stores, tariffs: policy.tariffs)
        self.calendar = CalendarDesk(calendars: stores.calendars)
        self.sla = SLADesk(calculators: calculators)
        self.tickets = tickets
        self.inbound = InboundDesk(stores: stores, tickets: tickets, newTicketsPerSenderPerDay: policy.newTicketsPerSenderPerDay)
        self.sessions = SessionDesk(stores: stores, policy: policy, secrets: secrets)
        self.entitlements = EntitlementDesk(stores: stores)
        self.metering = MeteringDesk(stores: stores, policy: policy)
        self.invoices = InvoiceDesk(stores: stores, settings: policy.invoicing)
        self.audit = AuditDesk(audit: stores.audit)
        self.signIn = SignInDesk(
            stores: stores, secrets: secrets, sealer: sealer, passwords: passwords, throttle: SignInThrottle(policy: policy.signInThrottle),
            lifetime: policy.webSessions, consoleURL: policy.consoleURL)
    }
}
