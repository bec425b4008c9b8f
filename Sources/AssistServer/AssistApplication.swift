import AssistCore
import AssistDesk
import AssistMail
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import OpenSSLTLS
import ServiceLifecycle
import ZlibInflate

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the server from settings: the one builder production and tests share.
public enum AssistApplication {
    /// Everything the server is made of, checked and opened, ready to run.
    ///
    /// Fails with a `StartupError` naming the setting at fault: unusable certificate or key,
    /// missing client CA, unopenable database. The port is only bound by `run`.
    /// `clock`: what every decision takes "now" from; nil, the settings' (`ServerSettings.makeClock`).
    public static func build(
        settings: ServerSettings,
        logger: Logger,
        clock: (any WallClock)? = nil,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
        configureRouter: (Router<AssistRequestContext>) -> Void = { _ in }
    ) async throws(StartupError) -> some ApplicationProtocol {
        try build(
            settings: settings, database: try await DeskDatabase.open(settings.databasePath, connections: settings.databaseConnections), logger: logger, clock: clock ?? settings.makeClock(),
            onServerRunning: onServerRunning, configureRouter: configureRouter)
    }

    static func build(
        settings: ServerSettings,
        database: DeskDatabase,
        logger: Logger,
        clock: any WallClock,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
        configureRouter: (Router<AssistRequestContext>) -> Void = { _ in }
    ) throws(StartupError) -> some ApplicationProtocol {
        let tlsContext = try makeTLSContext(settings)
        let credentialsKey = try loadCredentialsKey(settings)
        // Runs in the application's service group, beside the server: work the desk does after answering.
        let background = BackgroundQueue(logger: logger)

        let router = try makeRouter(settings: settings, database: database, credentialsKey: credentialsKey, clock: clock, background: background)
        configureRouter(router)

        return Application(
            router: router,
            server: makeServer(settings, tlsContext: tlsContext, logger: logger),
            configuration: applicationConfiguration(settings, logger: logger),
            services: [background],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                logger.info("AssistBroker \(ProductVersion.current) listening on https://\(settings.host):\(port)")
                await onServerRunning(channel)
            },
            logger: logger
        )
    }

    /// HTTP/1.1 over our TLS child channel with the settings' deadlines and limits: the server
    /// and the benchmark's floor (`BenchmarkFloor`) share it.
    static func makeServer(_ settings: ServerSettings, tlsContext: OpenSSLContext, logger: Logger) -> HTTPServerBuilder {
        let limits = RequestLimits(
            headTimeout: .seconds(Int64(settings.requestHeadTimeoutSeconds)), bodyTimeout: .seconds(Int64(settings.requestBodyTimeoutSeconds)),
            minimumBodyBytesPerSecond: settings.minimumBodyBytesPerSecond, maxBodyBytes: settings.maxBodyBytes)
        return HTTPServerBuilder { responder in
            TLSHTTPChannel(
                responder: responder, tlsContext: tlsContext, idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)),
                limits: limits, logger: logger)
        }
    }

    /// Where to listen, and the connection cap.
    static func applicationConfiguration(_ settings: ServerSettings, logger: Logger) -> ApplicationConfiguration {
        ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port), serverName: nil,
            // Beyond the cap, new connections wait in the listen backlog until one closes.
            availableConnectionsDelegate: MaximumAvailableConnections(settings.maxConnections, logger: logger))
    }

    /// Every production route over the desk working on `database`: the builder above and the
    /// OpenAPI test share it. The one place that chooses the concrete stores.
    public static func makeRouter(
        settings: ServerSettings, database: DeskDatabase, credentialsKey: [UInt8], clock: any WallClock, background: any BackgroundWork
    ) throws(StartupError) -> Router<AssistRequestContext> {
        let desk = makeDesk(settings: settings, database: database, credentialsKey: credentialsKey, clock: clock, background: background)
        let maxBodyBytes = settings.maxBodyBytes
        let console: WebConsole
        do {
            console = try WebConsole(
                desk: desk, maxBodyBytes: maxBodyBytes, sessionSeconds: desk.signIn.lifetime.absoluteSeconds,
                failedSignIns: FailedAuthenticationThrottle(
                    policy: .init(freeFailures: settings.freeAuthFailuresPerMinute, delay: .zero), what: "failed console sign-ins"))
        } catch {
            throw .webConsole("\(error)")
        }
        let router = Router(context: AssistRequestContext.self)
        router.add(middleware: ClientAddressMiddleware(trustedProxies: settings.trustedProxies))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ConnectionCloseMiddleware())
        router.add(middleware: ProblemMiddleware(maxBodyBytes: maxBodyBytes))
        router.add(middleware: ConsoleErrorMiddleware(renderer: console.renderer))
        router.add(middleware: StrictRequestMiddleware())
        HealthRoutes(mailDelivered: settings.mail != nil).register(on: router)
        router.get("/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: OpenAPIDocument.json)))
        }
        SLARoutes(desk: desk.sla).register(on: router)
        let calendarRoutes = CalendarRoutes(desk: desk.calendar, maxBodyBytes: maxBodyBytes)
        calendarRoutes.registerPublic(on: router)

        let authenticated = router.group("/v1")
            .add(middleware: AuthMiddleware(
                accounts: desk.accounts,
                throttle: FailedAuthenticationThrottle(policy: .init(freeFailures: settings.freeAuthFailuresPerMinute))))
            .add(middleware: IdempotencyMiddleware(store: database.idempotency, maxBodyBytes: maxBodyBytes, clock: clock))
        AccountRoutes(desk: desk.accounts, maxBodyBytes: maxBodyBytes).register(on: authenticated)
        ContractRoutes(desk: desk.contracts, maxBodyBytes: maxBodyBytes).register(on: authenticated)
        calendarRoutes.register(on: authenticated)
        AuditRoutes(desk: desk.audit).register(on: authenticated)
        EntitlementRoutes(desk: desk.entitlements, maxBodyBytes: maxBodyBytes).register(on: authenticated)
        MeteringRoutes(desk: desk.metering, maxBodyBytes: maxBodyBytes).register(on: authenticated)
        InvoiceRoutes(desk: desk.invoices, maxBodyBytes: maxBodyBytes).register(on: authenticated)
        ExportRoutes(desk: desk.invoices).register(on: authenticated)
        SessionRoutes(desk: desk.sessions, maxBodyBytes: maxBodyBytes).register(on: authenticated)
        TicketRoutes(desk: desk.tickets, maxBodyBytes: maxBodyBytes).register(on: authenticated)
        InboundRoutes(
            desk: desk.inbound, trustedAuthservIds: settings.mailAuthservIds, headAddress: settings.headOfSupportAddress, maxBodyBytes: maxBodyBytes
        ).register(on: authenticated)
        console.register(on: router)
        return router
    }

    /// A desk for offline commands (`assistd admin set-password`) that never touch remote-session
    /// credentials: it holds no credentials key.
    public static func offlineDesk(database: DeskDatabase, clock: any WallClock = SystemClock()) -> Desk {
        makeDesk(
            settings: ServerSettings(), database: database, credentialsKey: nil, clock: clock,
            background: DetachedWork(logger: Logger(label: "assistd-offline")))
    }

    /// The desk over the database's stores, with the settings' product decisions. Without
    /// `credentialsKey` (an MTA's pipe, offline commands) anything that seals or opens
    /// remote-session credentials or set-password links is refused; nothing else needs it.
    public static func makeDesk(
        settings: ServerSettings, database: DeskDatabase, credentialsKey: [UInt8]?, clock: any WallClock, background: any BackgroundWork
    ) -> Desk {
        let stores = database.stores(credentialsKey: credentialsKey)
        var policy = DeskPolicy()
        policy.billing = settings.billing
        policy.invoicing = settings.invoicing
        policy.tariffs = Tariffs(vipMonthKopecks: settings.vipMonthKopecks)
        policy.vipSchedule = settings.vipAroundTheClock ? .aroundTheClock : .vip
        policy.remoteIDRules = settings.remoteIDRules
        policy.sessionJoinMinutes = settings.sessionJoinMinutes
        policy.sessionMaximumHours = settings.sessionMaximumHours
        policy.newTicketsPerSenderPerDay = settings.newTicketsPerSenderPerDay
        policy.attachmentLimits = settings.attachmentLimits
        policy.meteringMaximumSeconds = settings.meteringMaximumHours * 3600
        policy.headOfSupportUserId = settings.headOfSupportUserId
        policy.webSessions.idleSeconds = settings.webIdleMinutes * 60
        policy.webSessions.absoluteSeconds = settings.webSessionHours * 3600
        policy.consoleURL = settings.consoleURL
        return Desk(
            stores: stores, clock: clock, policy: policy, secrets: OpenSSLSecrets(), sealer: OpenSSLSealer(key: credentialsKey),
            passwords: ScryptPasswordHasher(), deflate: ZlibDeflateReader(), background: background)
    }

    /// Runs until SIGTERM or SIGINT: then stops accepting, lets in-flight requests finish, returns.
    /// With `mail` set, the outbox is delivered alongside; without it, the log says mail is not sent.
    public static func run(settings: ServerSettings, logger: Logger) async throws {
        let database = try await DeskDatabase.open(settings.databasePath, connections: settings.databaseConnections)
        let stores = database.stores(credentialsKey: nil)
        let clock = settings.makeClock()
        if let offset = settings.clockOffsetSeconds {
            logger.warning("The clock is moved by \(offset) s (clock.offsetSeconds): this server decides as if it were \(MoscowTime.format(clock.now)). For tests and drills only")
        }
        if let head = settings.headOfSupportUserId {
            // R-5: the head reads every customer's escalations — never a customer user.
            let user = try await stores.accounts.user(id: head)
            guard let user, EscalationRule.mayBeHead(user) else {
                throw StartupError.invalidValue(
                    setting: .named("support.headUserId"), value: String(head),
                    expected: user == nil ? "the id of an existing staff user (assist users list)" : "a staff user's id: user \(head) is a customer user, who must never read other customers' escalations")
            }
        }
        let application = try build(settings: settings, database: database, logger: logger, clock: clock)
        // Who pays what is audited like an admin's change: the settings a start-up brings in force.
        let billing = AccessAudit.billingApplied(settings.billing, invoicing: settings.invoicing, vipMonthKopecks: settings.vipMonthKopecks)
        if (try? await stores.audit.recordAuditOnChange(billing, at: clock.now)) == true {
            logger.info("Billing settings recorded in the audit log", metadata: ["detail": "\(billing.detail)"])
        }
        // Ending sessions seals nothing: this desk holds no credentials key.
        let housekeeping = makeDesk(settings: settings, database: database, credentialsKey: nil, clock: clock, background: DetachedWork(logger: logger))
        var services: [any Service] = [application, SessionHousekeeping(sessions: housekeeping.sessions, interval: .seconds(60), logger: logger)]
        if let mail = settings.mail {
            if settings.webPublicURL == nil {
                logger.warning("Links in letters point to \(settings.consoleURL): set web.publicURL (ASSIST_WEB_PUBLIC_URL) to the console's address as people reach it")
            }
            services.append(try makeDelivery(
                mail, outbox: stores.outbox, sealer: OpenSSLSealer(key: try loadCredentialsKey(settings)), clock: clock, logger: logger))
        } else {
            logger.warning("Mail is not delivered: no mail.relay is set (ASSIST_MAIL_RELAY); notifications stay in the outbox")
        }
        if settings.mailAuthservIds.isEmpty {
            logger.warning("No letter's sender is vouched for: set mail.authservId (ASSIST_MAIL_AUTHSERV_ID) to your receiving MTA's authserv-id; until then mail from licence addresses opens tickets at the free level (R-4.7)")
        }
        if let mailbox = settings.mailbox {
            services.append(try makeMailboxPoll(
                mailbox, ingest: try makeIngest(settings: settings, database: database, clock: clock, logger: logger), logger: logger,
                lease: database.mailboxLease))
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await database.close()
            throw bindFailure(error, settings: settings) ?? error
        }
        await database.close()
    }

    /// The mail channel's way in, over the same desk and database as the server.
    public static func makeIngest(settings: ServerSettings, clock: (any WallClock)? = nil, logger: Logger) async throws(StartupError) -> MailIngest {
        let database = try await DeskDatabase.open(settings.databasePath, connections: settings.databaseConnections)
        return try makeIngest(settings: settings, database: database, clock: clock ?? settings.makeClock(), logger: logger)
    }

    /// Mail in needs the database and the mail settings, not the credentials key: filing a letter
    /// never seals or opens credentials (an MTA's pipe runs as a user that should not hold it).
    static func makeIngest(settings: ServerSettings, database: DeskDatabase, clock: any WallClock, logger: Logger) throws(StartupError) -> MailIngest {
        let desk = makeDesk(settings: settings, database: database, credentialsKey: nil, clock: clock, background: DetachedWork(logger: logger))
        let domain = settings.mail.flatMap { $0.from.split(separator: "@").last.map(String.init) } ?? "assistbroker.invalid"
        return MailIngest(
            desk: desk.inbound, ourDomain: domain, trustedAuthservIds: settings.mailAuthservIds, headAddress: settings.headOfSupportAddress, logger: logger)
    }

    /// The outbox delivery service for `mail`, its password read from its owner-only file.
    public static func makeDelivery(
        _ mail: MailSettings, outbox: any OutboxStore, sealer: any SecretSealer, clock: any WallClock, logger: Logger
    ) throws(StartupError) -> OutboxDeliveryService {
        var credentials: MailCredentials?
        if let user = mail.user, let path = mail.passwordFile {
            credentials = MailCredentials(user: user, password: try readPassword(path, setting: "mail.passwordFile"))
        }
        let client: SMTPClient
        do {
            client = try SMTPClient(
                relay: mail.relay, trustRootsFile: mail.relayCAPath, credentials: credentials,
                heloName: mail.from.split(separator: "@").last.map(String.init) ?? "localhost")
        } catch {
            throw .invalidValue(setting: .named("mail.relayCA"), value: mail.relayCAPath ?? "", expected: "a readable PEM file of the CA that issued the relay's certificate (\(error))")
        }
        var delivery = OutboxDeliveryService.Settings(from: mail.from)
        delivery.retry = mail.retry
        delivery.staleAfter = TimeInterval(mail.reclaimAfterSeconds)
        delivery.connections = mail.connections
        return OutboxDeliveryService(outbox: outbox, client: client, settings: delivery, sealer: sealer, clock: clock, logger: logger)
    }

    /// The mailbox poller for `mailbox`, filing through `ingest`; with `lease`, it polls only
    /// while this node holds it (several nodes on one PostgreSQL database).
    public static func makeMailboxPoll(
        _ mailbox: MailboxSettings, ingest: MailIngest, logger: Logger, lease: (any MailboxLease)? = nil
    ) throws(StartupError) -> MailboxPollService {
        let credentials = MailCredentials(user: mailbox.user, password: try readPassword(mailbox.passwordFile, setting: "mail.imapPasswordFile"))
        var poll = MailboxPollService.Settings()
        poll.pollInterval = .seconds(mailbox.pollSeconds)
        do {
            return try MailboxPollService(
                mailbox: mailbox.mailbox, credentials: credentials, trustRootsFile: mailbox.caPath, ingest: ingest, settings: poll, logger: logger,
                lease: lease)
        } catch {
            throw .invalidValue(setting: .named("mail.imapCA"), value: mailbox.caPath ?? "", expected: "a readable PEM file of the CA that issued the mailbox server's certificate (\(error))")
        }
    }

    /// A password from a file only its owner can read: a password in a setting or a file
    /// others can read would leak through `ps`, the shell history or a backup.
    static func readPassword(_ path: String, setting: String) throws(StartupError) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path)
        else { throw .invalidValue(setting: .named(setting), value: path, expected: "a readable file holding the password") }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw .invalidValue(setting: .named(setting), value: path, expected: "a file only its owner can read (chmod 600)")
        }
        return String(decoding: data, as: UTF8.self).trimming(.newlines)
    }

    static func makeTLSContext(_ settings: ServerSettings) throws(StartupError) -> OpenSSLContext {
        let configuration = TLSConfiguration(
            certificateChainFile: settings.tlsCertificatePath,
            privateKeyFile: settings.tlsKeyPath,
            trustRootsFile: settings.tlsClientCAPath,
            clientAuthentication: settings.clientAuthentication
        )
        do {
            return try OpenSSLContext(configuration: configuration, role: .server)
        } catch let error as OpenSSLError {
            throw .tls(error, settings: settings)
        } catch {
            throw .tls(OpenSSLError(code: .contextSetup, detail: "\(error)"), settings: settings)
        }
    }

    /// The 32-byte key that seals remote-session credentials: it must exist, be exactly 32
    /// bytes, and be readable by its owner only.
    static func loadCredentialsKey(_ settings: ServerSettings) throws(StartupError) -> [UInt8] {
        let path = settings.credentialsKeyPath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let key = FileManager.default.contents(atPath: path)
        else { throw .credentialsKey(path: path, problem: "cannot be read") }
        guard key.count == 32 else { throw .credentialsKey(path: path, problem: "is \(key.count) bytes, not 32") }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw .credentialsKey(path: path, problem: "can be read by other users (mode \(String(mode, radix: 8)))")
        }
        return Array(key)
    }

    /// Recognizes a failed bind among whatever the service group threw.
    static func bindFailure(_ error: any Error, settings: ServerSettings) -> StartupError? {
        guard let ioError = error as? IOError else { return nil }
        if ioError.errnoCode == EADDRINUSE {
            return .addressInUse(host: settings.host, port: settings.port)
        }
        return .cannotBind(host: settings.host, port: settings.port, reason: String(cString: strerror(ioError.errnoCode)))
    }
}
