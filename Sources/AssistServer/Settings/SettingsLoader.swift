import AssistMail
import Configuration
import AssistCore
import Foundation
import OpenSSLTLS
import SystemPackage

/// Merges command-line flags, `ASSIST_*` environment variables and a JSON file into `ServerSettings`.
///
/// Keys (file key → environment variable): `host` → `ASSIST_HOST`, `port` → `ASSIST_PORT`,
/// `database` → `ASSIST_DATABASE` (with `postgres.connections` → `ASSIST_POSTGRES_CONNECTIONS`), `tls.cert` → `ASSIST_TLS_CERT`, `tls.key` → `ASSIST_TLS_KEY`,
/// `tls.clientCA` → `ASSIST_TLS_CLIENT_CA`, `mtls` → `ASSIST_MTLS`,
/// `http.maxBodyBytes` → `ASSIST_HTTP_MAX_BODY_BYTES`, `http.idleTimeoutSeconds` →
/// `ASSIST_HTTP_IDLE_TIMEOUT_SECONDS`, `http.requestHeadTimeoutSeconds`, `http.requestBodyTimeoutSeconds`,
/// `http.minimumBodyBytesPerSecond`, `http.maxConnections` (→ `ASSIST_HTTP_REQUEST_HEAD_TIMEOUT_SECONDS` …),
/// `log.level` → `ASSIST_LOG_LEVEL`, `support.headUserId` → `ASSIST_SUPPORT_HEAD_USER_ID` (R-5 escalations),
/// `support.headAddress` → `ASSIST_SUPPORT_HEAD_ADDRESS` (a letter to it escalates),
/// `sla.vipSchedule` → `ASSIST_SLA_VIP_SCHEDULE` (`working-hours` or `24x7`),
/// `tariff.vipMonthKopecks` → `ASSIST_TARIFF_VIP_MONTH_KOPECKS`,
/// `credentials.keyFile` → `ASSIST_CREDENTIALS_KEY_FILE`, `session.joinMinutes` → `ASSIST_SESSION_JOIN_MINUTES`,
/// `session.maximumHours` → `ASSIST_SESSION_MAXIMUM_HOURS` (an active remote session ends after it),
/// `remote.teamviewerDigits` / `remote.ammyadminDigits` → `ASSIST_REMOTE_TEAMVIEWER_DIGITS` / `…_AMMYADMIN_DIGITS` (`9-10`),
/// `billing.rates` → `ASSIST_BILLING_RATES` (`install@2027-01-01=180000,…`), `billing.payingTiers` →
/// `ASSIST_BILLING_PAYING_TIERS` (`free,noncommercial,commercial,vip`), `billing.vat` → `ASSIST_BILLING_VAT` (`22` or `none`),
/// `mail.newTicketsPerSenderPerDay` → `ASSIST_MAIL_NEW_TICKETS_PER_SENDER_PER_DAY`,
/// `mail.authservId` → `ASSIST_MAIL_AUTHSERV_ID` (the receiving MTAs whose `Authentication-Results` vouch for senders, comma-separated),
/// `mail.connections` → `ASSIST_MAIL_CONNECTIONS` (SMTP connections at once, default 16),
/// `mail.reclaimAfterSeconds` → `ASSIST_MAIL_RECLAIM_AFTER_SECONDS` (a claim older than this is from a process that died),
/// `mail.imap` → `ASSIST_MAIL_IMAP` (`imaps://host:993/INBOX`) with `mail.imapUser`, `mail.imapPasswordFile`,
/// `mail.imapCA`, `mail.imapPollSeconds` (→ `ASSIST_MAIL_IMAP_USER` …),
/// `attachments.maxFileBytes`, `attachments.maxMessageBytes`, `attachments.maxFiles` (R-4.6; → `ASSIST_ATTACHMENTS_MAX_FILE_BYTES` …),
/// `seller.name|inn|kpp|address|bank|bik|account|correspondentAccount` → `ASSIST_SELLER_NAME` … `ASSIST_SELLER_CORRESPONDENT_ACCOUNT`,
/// `web.publicURL` → `ASSIST_WEB_PUBLIC_URL` (the console's origin in letters' links),
/// `http.trustedProxies` → `ASSIST_HTTP_TRUSTED_PROXIES` (proxies whose `X-Forwarded-For` names the client),
/// `clock.offsetSeconds` → `ASSIST_CLOCK_OFFSET_SECONDS` (the server's clock moved by that much: tests and drills only).
public struct SettingsLoader: Sendable {
    /// Values given on the command line; nil means "not given".
    public struct Flags: Sendable {
        public var configFile: String?
        public var host: String?
        public var port: Int?
        public var database: String?
        public var tlsCert: String?
        public var tlsKey: String?
        public var tlsClientCA: String?
        public var mtls: String?
        public var credentialsKey: String?

        public init() {}
    }

    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func load(flags: Flags) async throws(StartupError) -> ServerSettings {
        let reader = try await makeReader(configFile: flags.configFile ?? environment["ASSIST_CONFIG"])
        var settings = ServerSettings()
        settings.host = flags.host ?? reader.string(forKey: "host", default: settings.host)
        settings.port = try integer(reader, "port", setting: .port, default: settings.port)
        if let port = flags.port { settings.port = port }
        settings.databasePath = flags.database ?? reader.string(forKey: "database", default: settings.databasePath)
        settings.databaseConnections = try integer(reader, "postgres.connections", default: settings.databaseConnections)
        settings.tlsCertificatePath = flags.tlsCert ?? reader.string(forKey: "tls.cert", default: settings.tlsCertificatePath)
        settings.tlsKeyPath = flags.tlsKey ?? reader.string(forKey: "tls.key", default: settings.tlsKeyPath)
        settings.tlsClientCAPath = flags.tlsClientCA ?? reader.string(forKey: "tls.clientCA")
        settings.maxBodyBytes = try integer(reader, "http.maxBodyBytes", default: settings.maxBodyBytes)
        settings.idleTimeoutSeconds = try integer(reader, "http.idleTimeoutSeconds", default: settings.idleTimeoutSeconds)
        settings.requestHeadTimeoutSeconds = try integer(reader, "http.requestHeadTimeoutSeconds", default: settings.requestHeadTimeoutSeconds)
        settings.requestBodyTimeoutSeconds = try integer(reader, "http.requestBodyTimeoutSeconds", default: settings.requestBodyTimeoutSeconds)
        settings.minimumBodyBytesPerSecond = try integer(reader, "http.minimumBodyBytesPerSecond", default: settings.minimumBodyBytesPerSecond)
        settings.maxConnections = try integer(reader, "http.maxConnections", default: settings.maxConnections)
        settings.freeAuthFailuresPerMinute = try integer(reader, "http.freeAuthFailuresPerMinute", default: settings.freeAuthFailuresPerMinute)
        if let proxies = reader.string(forKey: "http.trustedProxies") {
            let addresses = proxies.split(separator: ",").map { $0.trimming(.whitespaces) }.filter { !$0.isEmpty }
            guard addresses.allSatisfy(ClientAddressMiddleware.isIPAddress) else {
                throw .invalidValue(
                    setting: .named("http.trustedProxies"), value: proxies, expected: "comma-separated IP addresses of your reverse proxies, e.g. 10.0.0.5,10.0.0.6")
            }
            settings.trustedProxies = Set(addresses)
        }
        settings.logLevel = reader.string(forKey: "log.level", default: settings.logLevel)
        settings.headOfSupportUserId = try optionalInteger(reader, "support.headUserId").map(Int64.init)
        if let address = reader.string(forKey: "support.headAddress") {
            guard let normalized = EmailAddress.normalized(address) else {
                throw .invalidValue(
                    setting: .named("support.headAddress"), value: address, expected: "the head of support's published e-mail address, e.g. head@istom.ru")
            }
            settings.headOfSupportAddress = normalized
        }
        settings.mail = try mailSettings(reader)
        settings.mailbox = try mailboxSettings(reader)
        settings.attachmentLimits.maxFileBytes = try integer(reader, "attachments.maxFileBytes", default: settings.attachmentLimits.maxFileBytes)
        settings.attachmentLimits.maxMessageBytes = try integer(
            reader, "attachments.maxMessageBytes", default: settings.attachmentLimits.maxMessageBytes)
        settings.attachmentLimits.maxFiles = try integer(reader, "attachments.maxFiles", default: settings.attachmentLimits.maxFiles)
        settings.credentialsKeyPath = flags.credentialsKey ?? reader.string(forKey: "credentials.keyFile", default: settings.credentialsKeyPath)
        settings.meteringMaximumHours = try integer(reader, "metering.maximumHours", default: settings.meteringMaximumHours)
        settings.newTicketsPerSenderPerDay = try integer(reader, "mail.newTicketsPerSenderPerDay", default: settings.newTicketsPerSenderPerDay)
        if let ids = reader.string(forKey: "mail.authservId") {
            let names = ids.split(separator: ",").map { $0.trimming(.whitespaces).lowercased() }
            guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != ";" } }) else {
                throw .invalidValue(
                    setting: .named("mail.authservId"), value: ids,
                    expected: "the authserv-id your receiving MTA writes in Authentication-Results (usually its host name), e.g. mx.istom.ru")
            }
            settings.mailAuthservIds = Set(names)
        }
        settings.sessionJoinMinutes = try integer(reader, "session.joinMinutes", default: settings.sessionJoinMinutes)
        settings.sessionMaximumHours = try integer(reader, "session.maximumHours", default: settings.sessionMaximumHours)
        settings.webIdleMinutes = try integer(reader, "web.idleMinutes", default: settings.webIdleMinutes)
        settings.webSessionHours = try integer(reader, "web.sessionHours", default: settings.webSessionHours)
        if let text = reader.string(forKey: "clock.offsetSeconds") {
            // Within a century either way: a typo in the sign or the unit still gives a plausible date.
            guard let offset = Double(text), offset.isFinite, abs(offset) <= 100 * 365 * 86_400 else {
                throw .invalidValue(
                    setting: .named("clock.offsetSeconds"), value: text, expected: "seconds to move the clock by (tests and drills only), e.g. 2073600")
            }
            settings.clockOffsetSeconds = offset
        }
        if let url = reader.string(forKey: "web.publicURL") {
            settings.webPublicURL = try Self.publicURL(url)
        }

        let mtls = flags.mtls ?? reader.string(forKey: "mtls", default: settings.clientAuthentication.rawValue)
        guard let clientAuthentication = ClientAuthentication(rawValue: mtls) else {
            throw .invalidValue(setting: .mtls, value: mtls, expected: "one of none, optional, required")
        }
        settings.clientAuthentication = clientAuthentication

        let vipSchedule = reader.string(forKey: "sla.vipSchedule", default: "working-hours")
        switch vipSchedule {
        case "working-hours": settings.vipAroundTheClock = false
        case "24x7": settings.vipAroundTheClock = true
        default:
            throw .invalidValue(
                setting: .named("sla.vipSchedule"), value: vipSchedule,
                expected: "working-hours (10:00–20:00 on working days) or 24x7")
        }
        if let price = try optionalInteger(reader, "tariff.vipMonthKopecks") {
            guard price > 0 else {
                throw .invalidValue(
                    setting: .named("tariff.vipMonthKopecks"), value: String(price), expected: "a positive price in kopecks, e.g. 300000 for 3 000 RUB")
            }
            settings.vipMonthKopecks = Int64(price)
        }
        for (key, tool) in [("remote.teamviewerDigits", RemoteTool.teamviewer), ("remote.ammyadminDigits", .ammyadmin)] {
            guard let text = reader.string(forKey: ConfigKey(stringLiteral: key)) else { continue }
            let bounds = text.split(separator: "-").map { Int($0.trimming(.whitespaces)) }
            guard (1...2).contains(bounds.count), let low = bounds.first ?? nil, let high = bounds.last ?? nil, 4 <= low, low <= high, high <= 20 else {
                throw .invalidValue(setting: .named(key), value: text, expected: "a digit count or range between 4 and 20, e.g. 9-10")
            }
            switch tool {
            case .teamviewer: settings.remoteIDRules.teamviewer = low...high
            case .ammyadmin: settings.remoteIDRules.ammyadmin = low...high
            }
        }
        try loadBilling(reader, into: &settings)
        try validate(settings)
        return settings
    }

    /// An `https://host[:port]` origin, without a path, query or trailing slash: links are made by appending to it.
    static func publicURL(_ text: String) throws(StartupError) -> String {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let components = URLComponents(string: trimmed), components.scheme == "https", let host = components.host, !host.isEmpty,
              components.path.isEmpty, components.query == nil, components.fragment == nil, components.user == nil, components.password == nil,
              !trimmed.unicodeScalars.contains(where: { $0.value < 33 || $0.value == 127 })
        else {
            throw .invalidValue(
                setting: .named("web.publicURL"), value: text, expected: "the console's https origin as people reach it, e.g. https://support.example.ru")
        }
        return trimmed
    }

    private func loadBilling(_ reader: ConfigReader, into settings: inout ServerSettings) throws(StartupError) {
        if let text = reader.string(forKey: "billing.rates") {
            do {
                settings.billing.rateChanges = try BillingPolicy.parseRateChanges(text)
            } catch {
                throw .invalidValue(
                    setting: .named("billing.rates"), value: text,
                    expected: "comma-separated kind@YYYY-MM-DD=kopecks-per-hour, e.g. install@2027-01-01=180000")
            }
        }
        if let text = reader.string(forKey: "billing.payingTiers") {
            do {
                settings.billing.payingTiers = try BillingPolicy.parseTiers(text)
            } catch {
                throw .invalidValue(
                    setting: .named("billing.payingTiers"), value: text, expected: "comma-separated tiers among free, noncommercial, commercial, vip")
            }
        }
        if let text = reader.string(forKey: "billing.vat") {
            guard let vat = VATRule(setting: text) else {
                throw .invalidValue(setting: .named("billing.vat"), value: text, expected: "a VAT rate from 1 to 99 (e.g. 22) or none for «Без НДС»")
            }
            settings.invoicing.vat = vat
        }
        let keys = ["name", "inn", "kpp", "address", "bank", "bik", "account", "correspondentAccount"]
        let values = Dictionary(uniqueKeysWithValues: keys.map { key in
            (key, reader.string(forKey: ConfigKey(stringLiteral: "seller.\(key)"))?.trimming(.whitespaces))
        })
        guard values.values.contains(where: { $0 != nil }) else { return }
        let seller = SellerRequisites(
            name: values["name"]?.flatMap { $0 } ?? "", inn: values["inn"]?.flatMap { $0 } ?? "", kpp: values["kpp"]?.flatMap { $0 },
            address: values["address"]?.flatMap { $0 } ?? "", bank: values["bank"]?.flatMap { $0 } ?? "",
            bik: values["bik"]?.flatMap { $0 } ?? "", account: values["account"]?.flatMap { $0 } ?? "",
            correspondentAccount: values["correspondentAccount"]?.flatMap { $0 } ?? "")
        if let problem = seller.problem {
            let given = values[String(problem.key.dropFirst("seller.".count))]?.flatMap { $0 } ?? ""
            throw .invalidValue(setting: .named(problem.key), value: given, expected: problem.expected)
        }
        settings.invoicing.seller = seller
    }

    private func makeReader(configFile: String?) async throws(StartupError) -> ConfigReader {
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "assist")
        ]
        if let configFile {
            do {
                providers.append(try await FileProvider<JSONSnapshot>(filePath: FilePath(configFile)))
            } catch {
                throw .configFileUnreadable(path: configFile, reason: "\(error)")
            }
        }
        return ConfigReader(providers: providers)
    }

    /// `mail.relay`, `mail.from` and the rest; nil when no relay is set (mail is not delivered).
    private func mailSettings(_ reader: ConfigReader) throws(StartupError) -> MailSettings? {
        guard let relayText = reader.string(forKey: "mail.relay") else { return nil }
        let relay: SMTPRelay
        switch SMTPRelay.parse(relayText) {
        case .success(let parsed): relay = parsed
        case .failure(let problem):
            throw .invalidValue(setting: .named("mail.relay"), value: relayText, expected: "a relay URL that \(problem.sentence)")
        }
        guard let fromText = reader.string(forKey: "mail.from") else {
            throw .invalidValue(setting: .named("mail.from"), value: "", expected: "the sender address for notifications, e.g. support@istom.ru, when mail.relay is set")
        }
        guard let from = EmailAddress.normalized(fromText) else {
            throw .invalidValue(setting: .named("mail.from"), value: fromText, expected: "an e-mail address, e.g. support@istom.ru")
        }
        var mail = MailSettings(relay: relay, from: from)
        mail.relayCAPath = reader.string(forKey: "mail.relayCA")
        mail.user = reader.string(forKey: "mail.user")
        mail.passwordFile = reader.string(forKey: "mail.passwordFile")
        if mail.user != nil, mail.passwordFile == nil {
            throw .invalidValue(
                setting: .named("mail.passwordFile"), value: "", expected: "a file (mode 0600) holding the password of mail.user")
        }
        if let delays = reader.string(forKey: "mail.retryDelaysSeconds") {
            let values = delays.split(separator: ",").compactMap { TimeInterval($0.trimming(.whitespaces)) }
            guard !values.isEmpty, values.count == delays.split(separator: ",").count, values.allSatisfy({ $0 > 0 }) else {
                throw .invalidValue(setting: .named("mail.retryDelaysSeconds"), value: delays, expected: "positive seconds, e.g. 60,300,3600")
            }
            mail.retry.delays = values
        }
        if let hours = try optionalInteger(reader, "mail.giveUpAfterHours") {
            guard hours > 0 else {
                throw .invalidValue(setting: .named("mail.giveUpAfterHours"), value: String(hours), expected: "a positive number of hours")
            }
            mail.retry.giveUpAfter = TimeInterval(hours) * 3600
        }
        mail.connections = try integer(reader, "mail.connections", default: mail.connections)
        guard (1...32).contains(mail.connections) else {
            throw .invalidValue(setting: .named("mail.connections"), value: String(mail.connections), expected: "1 to 32 SMTP connections at once")
        }
        mail.reclaimAfterSeconds = try integer(reader, "mail.reclaimAfterSeconds", default: mail.reclaimAfterSeconds)
        guard mail.reclaimAfterSeconds >= 1 else {
            throw .invalidValue(
                setting: .named("mail.reclaimAfterSeconds"), value: String(mail.reclaimAfterSeconds),
                expected: "a positive number of seconds, longer than a send takes (default 600)")
        }
        return mail
    }

    /// `mail.imap` and the rest; nil when no mailbox is set (mail comes in through `assistd ingest`).
    private func mailboxSettings(_ reader: ConfigReader) throws(StartupError) -> MailboxSettings? {
        guard let text = reader.string(forKey: "mail.imap") else { return nil }
        let mailbox: IMAPMailbox
        switch IMAPMailbox.parse(text) {
        case .success(let parsed): mailbox = parsed
        case .failure(let problem):
            throw .invalidValue(setting: .named("mail.imap"), value: text, expected: "a mailbox URL that \(problem.sentence)")
        }
        guard let user = reader.string(forKey: "mail.imapUser") else {
            throw .invalidValue(setting: .named("mail.imapUser"), value: "", expected: "the mailbox's user name, e.g. support@istom.ru, when mail.imap is set")
        }
        guard let passwordFile = reader.string(forKey: "mail.imapPasswordFile") else {
            throw .invalidValue(setting: .named("mail.imapPasswordFile"), value: "", expected: "a file (mode 0600) holding the password of mail.imapUser")
        }
        var settings = MailboxSettings(mailbox: mailbox, user: user, passwordFile: passwordFile)
        settings.caPath = reader.string(forKey: "mail.imapCA")
        settings.pollSeconds = try integer(reader, "mail.imapPollSeconds", default: settings.pollSeconds)
        guard (1...86_400).contains(settings.pollSeconds) else {
            throw .invalidValue(setting: .named("mail.imapPollSeconds"), value: String(settings.pollSeconds), expected: "1 to 86400 seconds")
        }
        return settings
    }

    private func integer(_ reader: ConfigReader, _ key: ConfigKey, setting: StartupError.Setting, default fallback: Int) throws(StartupError) -> Int {
        try optionalInteger(reader, key, setting: setting) ?? fallback
    }

    /// The same for a setting known by its key alone (most are): the key names it in errors.
    private func integer(_ reader: ConfigReader, _ key: String, default fallback: Int) throws(StartupError) -> Int {
        try integer(reader, ConfigKey(key), setting: .named(key), default: fallback)
    }

    private func optionalInteger(_ reader: ConfigReader, _ key: String) throws(StartupError) -> Int? {
        try optionalInteger(reader, ConfigKey(key), setting: .named(key))
    }

    /// A whole number from any source (environment values arrive as text), nil when absent.
    private func optionalInteger(_ reader: ConfigReader, _ key: ConfigKey, setting: StartupError.Setting) throws(StartupError) -> Int? {
        guard let text = reader.string(forKey: key) else {
            return reader.int(forKey: key)
        }
        guard let value = Int(text) else {
            throw .invalidValue(setting: setting, value: text, expected: "a whole number")
        }
        return value
    }

    private func validate(_ settings: ServerSettings) throws(StartupError) {
        guard (0...65535).contains(settings.port) else {
            throw .invalidValue(setting: .port, value: String(settings.port), expected: "a port number from 0 to 65535")
        }
        guard settings.maxBodyBytes >= 1024 else {
            throw .invalidValue(
                setting: .named("http.maxBodyBytes"), value: String(settings.maxBodyBytes), expected: "at least 1024 bytes")
        }
        for (name, value) in [
            ("http.idleTimeoutSeconds", settings.idleTimeoutSeconds), ("http.requestHeadTimeoutSeconds", settings.requestHeadTimeoutSeconds),
            ("http.requestBodyTimeoutSeconds", settings.requestBodyTimeoutSeconds),
        ] where value <= 0 {
            throw .invalidValue(setting: .named(name), value: String(value), expected: "a positive number of seconds")
        }
        guard settings.minimumBodyBytesPerSecond > 0 else {
            throw .invalidValue(
                setting: .named("http.minimumBodyBytesPerSecond"), value: String(settings.minimumBodyBytesPerSecond),
                expected: "a positive number of bytes per second, e.g. 1024")
        }
        guard (1...500).contains(settings.databaseConnections) else {
            throw .invalidValue(
                setting: .named("postgres.connections"), value: String(settings.databaseConnections),
                expected: "1 to 500 connections to PostgreSQL (each node's count, within the server's max_connections)")
        }
        guard settings.maxConnections > 0 else {
            throw .invalidValue(
                setting: .named("http.maxConnections"), value: String(settings.maxConnections), expected: "a positive number of connections")
        }
        guard (1...72).contains(settings.meteringMaximumHours) else {
            throw .invalidValue(
                setting: .named("metering.maximumHours"), value: String(settings.meteringMaximumHours), expected: "1 to 72 hours")
        }
        guard settings.newTicketsPerSenderPerDay > 0 else {
            throw .invalidValue(
                setting: .named("mail.newTicketsPerSenderPerDay"), value: String(settings.newTicketsPerSenderPerDay),
                expected: "a positive number of tickets a day")
        }
        for (name, value) in [
            ("attachments.maxFileBytes", settings.attachmentLimits.maxFileBytes),
            ("attachments.maxMessageBytes", settings.attachmentLimits.maxMessageBytes),
            ("attachments.maxFiles", settings.attachmentLimits.maxFiles),
        ] where value <= 0 {
            throw .invalidValue(setting: .named(name), value: String(value), expected: "a positive number")
        }
        guard (1...1440).contains(settings.webIdleMinutes) else {
            throw .invalidValue(setting: .named("web.idleMinutes"), value: String(settings.webIdleMinutes), expected: "1 to 1440 minutes")
        }
        guard (1...168).contains(settings.webSessionHours) else {
            throw .invalidValue(setting: .named("web.sessionHours"), value: String(settings.webSessionHours), expected: "1 to 168 hours")
        }
        guard (1...72).contains(settings.sessionMaximumHours) else {
            throw .invalidValue(
                setting: .named("session.maximumHours"), value: String(settings.sessionMaximumHours), expected: "1 to 72 hours")
        }
        guard (1...1440).contains(settings.sessionJoinMinutes) else {
            throw .invalidValue(
                setting: .named("session.joinMinutes"), value: String(settings.sessionJoinMinutes), expected: "1 to 1440 minutes")
        }
        if settings.clientAuthentication != .none, settings.tlsClientCAPath == nil {
            throw .clientCAMissing(mode: settings.clientAuthentication)
        }
    }
}
