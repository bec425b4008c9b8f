import AssistCore

/// The stores the desk works on; the composition root passes the real ones (one SQLite
/// database today), tests may pass their own.
public struct DeskStores: Sendable {
    public var accounts: any AccountStore
    public var contracts: any ContractStore
    public var tickets: any TicketStore
    public var vip: any VIPContactStore
    public var entitlements: any EntitlementStore
    public var sessions: any SessionStore
    public var metering: any MeteringStore
    public var invoices: any InvoiceStore
    public var hours: any HoursStore
    public var calendars: any CalendarStore
    public var audit: any AuditLog
    public var outbox: any OutboxStore
    public var signIn: any SignInStore

    public init(
        accounts: any AccountStore, contracts: any ContractStore, tickets: any TicketStore, vip: any VIPContactStore,
        entitlements: any EntitlementStore, sessions: any SessionStore, metering: any MeteringStore, invoices: any InvoiceStore,
        hours: any HoursStore, calendars: any CalendarStore, audit: any AuditLog, outbox: any OutboxStore,
        signIn: any SignInStore
    ) {
        self.accounts = accounts
        self.contracts = contracts
        self.tickets = tickets
        self.vip = vip
        self.entitlements = entitlements
        self.sessions = sessions
        self.metering = metering
        self.invoices = invoices
        self.hours = hours
        self.calendars = calendars
        self.audit = audit
        self.outbox = outbox
        self.signIn = signIn
    }
}
