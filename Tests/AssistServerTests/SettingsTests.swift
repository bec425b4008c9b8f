import AssistCore
import AssistServer
import AssistTestSupport
import Foundation
import Testing

@Suite("Settings: flags, ASSIST_* environment, JSON file")
struct SettingsTests {
    func configFile(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("defaults are the documented ones")
    func defaults() async throws {
        let settings = try await SettingsLoader(environment: [:]).load(flags: .init())
        #expect(settings == ServerSettings())
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8443)
        #expect(settings.databasePath == "var/assist.sqlite")
        #expect(settings.tlsCertificatePath == "Certs/dev/server.pem")
        #expect(settings.clientAuthentication == .none)
    }

    @Test("a flag beats the environment, which beats the file")
    func precedence() async throws {
        let file = try configFile(#"{"port": 9001, "host": "0.0.0.0", "database": "/tmp/file.sqlite", "tls": {"clientCA": "/tmp/ca.pem"}, "mtls": "optional"}"#)
        var flags = SettingsLoader.Flags()
        flags.configFile = file
        flags.port = 9003
        let settings = try await SettingsLoader(environment: ["ASSIST_PORT": "9002", "ASSIST_HOST": "::1"]).load(flags: flags)
        #expect(settings.port == 9003)
        #expect(settings.host == "::1")
        #expect(settings.databasePath == "/tmp/file.sqlite")
        #expect(settings.tlsClientCAPath == "/tmp/ca.pem")
        #expect(settings.clientAuthentication == .optional)
    }

    @Test("ASSIST_CONFIG names the file when --config is absent; nested keys map to ASSIST_TLS_CLIENT_CA etc.")
    func environmentNames() async throws {
        let file = try configFile(#"{"http": {"maxBodyBytes": 2048}}"#)
        let settings = try await SettingsLoader(environment: [
            "ASSIST_CONFIG": file, "ASSIST_TLS_CERT": "/c.pem", "ASSIST_TLS_KEY": "/k.pem",
            "ASSIST_TLS_CLIENT_CA": "/ca.pem", "ASSIST_MTLS": "required",
        ]).load(flags: .init())
        #expect(settings.maxBodyBytes == 2048)
        #expect(settings.tlsCertificatePath == "/c.pem")
        #expect(settings.tlsKeyPath == "/k.pem")
        #expect(settings.tlsClientCAPath == "/ca.pem")
        #expect(settings.clientAuthentication == .required)
    }

    @Test("bad values are refused with a sentence naming the setting", arguments: [
        (["ASSIST_PORT": "eighty"], "ASSIST_PORT"),
        (["ASSIST_PORT": "70000"], "--port"),
        (["ASSIST_MTLS": "sometimes"], "--mtls"),
        (["ASSIST_MTLS": "required"], "--tls-client-ca"),
        (["ASSIST_HTTP_MAX_BODY_BYTES": "10"], "ASSIST_HTTP_MAX_BODY_BYTES / http.maxBodyBytes"),
        (["ASSIST_HTTP_IDLE_TIMEOUT_SECONDS": "0"], "ASSIST_HTTP_IDLE_TIMEOUT_SECONDS / http.idleTimeoutSeconds"),
        (["ASSIST_HTTP_REQUEST_HEAD_TIMEOUT_SECONDS": "0"], "ASSIST_HTTP_REQUEST_HEAD_TIMEOUT_SECONDS / http.requestHeadTimeoutSeconds"),
        (["ASSIST_HTTP_REQUEST_BODY_TIMEOUT_SECONDS": "-5"], "ASSIST_HTTP_REQUEST_BODY_TIMEOUT_SECONDS / http.requestBodyTimeoutSeconds"),
        (["ASSIST_HTTP_MINIMUM_BODY_BYTES_PER_SECOND": "0"], "ASSIST_HTTP_MINIMUM_BODY_BYTES_PER_SECOND / http.minimumBodyBytesPerSecond"),
        (["ASSIST_HTTP_MAX_CONNECTIONS": "none"], "ASSIST_HTTP_MAX_CONNECTIONS / http.maxConnections"),
        (["ASSIST_SUPPORT_HEAD_USER_ID": "boss"], "ASSIST_SUPPORT_HEAD_USER_ID / support.headUserId"),
        (["ASSIST_SLA_VIP_SCHEDULE": "always"], "ASSIST_SLA_VIP_SCHEDULE / sla.vipSchedule"),
        (["ASSIST_REMOTE_TEAMVIEWER_DIGITS": "many"], "ASSIST_REMOTE_TEAMVIEWER_DIGITS / remote.teamviewerDigits"),
        (["ASSIST_REMOTE_AMMYADMIN_DIGITS": "9-3"], "ASSIST_REMOTE_AMMYADMIN_DIGITS / remote.ammyadminDigits"),
        (["ASSIST_SESSION_JOIN_MINUTES": "0"], "ASSIST_SESSION_JOIN_MINUTES / session.joinMinutes"),
        (["ASSIST_BILLING_VAT": "0"], "ASSIST_BILLING_VAT / billing.vat"),
        (["ASSIST_BILLING_RATES": "install=180000"], "ASSIST_BILLING_RATES / billing.rates"),
        (["ASSIST_BILLING_PAYING_TIERS": "gold"], "ASSIST_BILLING_PAYING_TIERS / billing.payingTiers"),
        (["ASSIST_SELLER_NAME": "ООО «Истом»"], "ASSIST_SELLER_INN / seller.inn"),
        (["ASSIST_POSTGRES_CONNECTIONS": "0"], "ASSIST_POSTGRES_CONNECTIONS / postgres.connections"),
        (["ASSIST_POSTGRES_CONNECTIONS": "many"], "ASSIST_POSTGRES_CONNECTIONS / postgres.connections"),
    ])
    func badValues(environment: [String: String], named: String) async {
        do {
            _ = try await SettingsLoader(environment: environment).load(flags: .init())
            Issue.record("should have been refused")
        } catch {
            #expect(error.description.contains(named))
        }
    }

    @Test("R-1.4 remote-ID lengths are configuration: vendors change them")
    func remoteIDDigits() async throws {
        let settings = try await SettingsLoader(environment: ["ASSIST_REMOTE_TEAMVIEWER_DIGITS": "8-12", "ASSIST_REMOTE_AMMYADMIN_DIGITS": "9"])
            .load(flags: .init())
        #expect(settings.remoteIDRules.teamviewer == 8...12)
        #expect(settings.remoteIDRules.ammyadmin == 9...9)
        #expect(settings.remoteIDRules.normalized("1234 5678", for: .teamviewer) == "12345678")
        #expect(try await SettingsLoader(environment: [:]).load(flags: .init()).remoteIDRules.normalized("1234 5678", for: .teamviewer) == nil)
    }

    @Test("R-3.2 rates, paying tiers, VAT and the seller's requisites come from configuration")
    func billing() async throws {
        let file = try configFile("""
            {"billing": {"rates": "install@2027-01-01=180000", "payingTiers": "commercial,vip", "vat": "22"},
             "seller": {"name": "ООО «Истом»", "inn": "7707083893", "kpp": "773601001", "address": "Москва", "bank": "ПАО Сбербанк",
                        "bik": "044525225", "account": "40702810938000000001", "correspondentAccount": "30101810400000000225"}}
            """)
        var flags = SettingsLoader.Flags()
        flags.configFile = file
        let settings = try await SettingsLoader(environment: ["ASSIST_BILLING_VAT": "none"]).load(flags: flags)
        #expect(settings.invoicing.vat == .exempt, "the environment beats the file")
        #expect(settings.invoicing.seller?.correspondentAccount == "30101810400000000225")
        #expect(settings.invoicing.missing.isEmpty)
        #expect(settings.billing.payingTiers == [.commercial, .vip])
        #expect(settings.billing.rate(of: .install, on: LocalDate(year: 2027, month: 2, day: 1)!) == 180_000)
        #expect(ServerSettings().invoicing.missing == ["billing.vat", "seller.*"], "invoicing is refused until configured")
    }

    @Test("the development configuration Scripts/serve uses is valid and makes invoicing work")
    func developmentConfiguration() async throws {
        var flags = SettingsLoader.Flags()
        flags.configFile = TestCertificates.repositoryRoot.appendingPathComponent("Config/development.json").path
        let settings = try await SettingsLoader(environment: [:]).load(flags: flags)
        #expect(settings.invoicing.missing.isEmpty)
        #expect(settings.invoicing.vat == .percent(22))
    }

    @Test("a malformed configuration file is refused with its path")
    func malformedFile() async throws {
        let file = try configFile("{ not json")
        var flags = SettingsLoader.Flags()
        flags.configFile = file
        do {
            _ = try await SettingsLoader(environment: [:]).load(flags: flags)
            Issue.record("should have been refused")
        } catch {
            #expect(error.description.contains(file))
            #expect(error.description.contains("--config"))
        }
    }
}
