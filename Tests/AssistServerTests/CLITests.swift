import AssistCore
import AssistTestSupport
import Foundation
import Testing

@Suite("The assist command line against a live server")
struct CLITests {
    func assist(_ arguments: [String], port: Int, token: String?, input: String? = nil) async -> ExternalProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["ASSIST_SERVER"] = "https://localhost:\(port)"
        environment["ASSIST_CA"] = Tools.development.caCertificate
        environment["ASSIST_TOKEN"] = token
        environment["ASSIST_TOKEN_FILE"] = nil
        return await ExternalProcess.run(
            Tools.buildDirectory.appendingPathComponent("assist").path, arguments, input: input.map { Data($0.utf8) },
            environment: environment)
    }

    @Test("an admin creates a customer, a user and a token; tables by default, JSON on request; refusals explained")
    func adminWorkflow() async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)

            let duplicate = await assist(["customers", "create", "--name", "ООО «Двойник»", "--inn", "7707083893"], port: port, token: f.admin.token)
            #expect(duplicate.exitCode == 1 && duplicate.standardError.contains("(inn_taken)"), "an INN belongs to one customer: \(duplicate.standardError)")
            #expect(duplicate.standardError.contains("Customer \(f.customerA.id)"), "the refusal names the existing customer")
            let customer = await assist(["customers", "create", "--name", "ООО «Василёк»", "--inn", "7736050003"], port: port, token: f.admin.token)
            #expect(customer.exitCode == 0, "\(customer.standardError)")
            #expect(customer.standardOutput.contains("ООО «Василёк»"))
            #expect(customer.standardOutput.hasPrefix("ID  NAME"))

            let user = await assist(["users", "create", "--name", "Пётр", "--role", "agent", "--phone", "8 (812) 000-11-22", "--json"], port: port, token: f.admin.token)
            #expect(user.exitCode == 0)
            #expect(user.standardOutput.contains(#""phone":"+78120001122""#))

            let token = await assist(["tokens", "create", "--user", String(f.agent.user.id), "--label", "cli"], port: port, token: f.admin.token)
            #expect(token.standardOutput.contains("abt_"))

            let refused = await assist(["customers", "create", "--name", "X", "--inn", "1234567890"], port: port, token: f.admin.token)
            #expect(refused.exitCode == 1)
            #expect(refused.standardError.contains("(invalid_inn)"))

            let forbidden = await assist(["users", "list"], port: port, token: f.agent.token)
            #expect(forbidden.exitCode == 1)
            #expect(forbidden.standardError.contains("(forbidden)"))

            let duty = await assist(["duty", "on"], port: port, token: f.agent.token)
            #expect(duty.exitCode == 0)
            #expect(duty.standardOutput.contains("yes"))
        }
    }

    @Test("a customer files a ticket, an agent answers and resolves it from the queue, the customer rates it")
    func ticketWorkflow() async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let filed = await assist(
                ["tickets", "create", "--subject", "Не запускается", "--description", "Ошибка 500", "--version", "5.2",
                 "--problem-class", "operational", "--json"], port: port, token: f.customerUser.token)
            #expect(filed.exitCode == 0, "\(filed.standardError)")
            let view = try JSONSerialization.jsonObject(with: Data(filed.standardOutput.utf8)) as? [String: Any]
            let tid = try #require((view?["ticket"] as? [String: Any])?["tid"] as? String)

            let outbox = await assist(["outbox", "list"], port: port, token: f.agent.token)
            #expect(outbox.exitCode == 0 && outbox.standardOutput.hasPrefix("ID  KIND"), "\(outbox.standardError)")
            #expect(outbox.standardOutput.contains("ticket-accepted") && outbox.standardOutput.contains("queued"))
            _ = try await f.store.holdLetter(
                sender: "loop@customer.test", subject: "Сорок первое письмо", body: "…", messageId: "<l41@customer.test>", at: TestClock.now
            ) { held, admins in LetterCap.holding(sender: "loop@customer.test", cap: 40, heldEarlierToday: held, admins: admins) }
            let held = await assist(["outbox", "held"], port: port, token: f.agent.token)
            #expect(held.exitCode == 0 && held.standardOutput.hasPrefix("ID  FROM"), "\(held.standardError)")
            #expect(held.standardOutput.contains("loop@customer.test") && held.standardOutput.contains("Сорок первое письмо"))
            #expect(await assist(["outbox", "held"], port: port, token: f.customerUser.token).exitCode != 0, "staff only")
            let queue = await assist(["queue"], port: port, token: f.agent.token)
            #expect(queue.standardOutput.contains("Out of turn (operational):\nTID"))
            #expect(queue.standardOutput.contains(tid))
            #expect(await assist(["tickets", "reply", tid, "--message", "Смотрим"], port: port, token: f.agent.token).exitCode == 0)
            #expect(await assist(["tickets", "resolve", tid], port: port, token: f.agent.token).standardOutput.contains("resolved"))
            let shown = await assist(["tickets", "show", tid], port: port, token: f.customerUser.token)
            #expect(shown.standardOutput.contains("Смотрим"))
            let rated = await assist(["tickets", "rate", tid, "5", "--comment", "Спасибо"], port: port, token: f.customerUser.token)
            #expect(rated.exitCode == 0, "\(rated.standardError)")
            let again = await assist(["tickets", "rate", tid, "5"], port: port, token: f.customerUser.token)
            #expect(again.exitCode == 1)
            #expect(again.standardError.contains("(already_rated)"))
        }
    }

    @Test("an agent opens a session, the customer reads its PIN and joins with it on standard input, the agent ends it")
    func sessionWorkflow() async throws {
        let settings = LiveServer.settings()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let filed = await assist(
                ["tickets", "create", "--subject", "Установка", "--description", "Помогите", "--version", "5.2", "--json"],
                port: port, token: f.customerUser.token)
            let tid = try #require(((try JSONSerialization.jsonObject(with: Data(filed.standardOutput.utf8)) as? [String: Any])?["ticket"] as? [String: Any])?["tid"] as? String)

            let opened = await assist(["sessions", "open", tid, "--tool", "teamviewer", "--customer-id", "123 456 789"], port: port, token: f.agent.token)
            #expect(opened.exitCode == 0, "\(opened.standardError)")
            #expect(opened.standardOutput.hasPrefix("SESSION CODE  PIN"))
            let list = await assist(["sessions", "list", tid, "--json"], port: port, token: f.customerUser.token)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]])?.first?["id"] as? Int)
            let credentials = await assist(["sessions", "credentials", String(id), "--json"], port: port, token: f.customerUser.token)
            let firstPIN = try #require(((try JSONSerialization.jsonObject(with: Data(credentials.standardOutput.utf8)) as? [String: Any])?["credentials"] as? [String: Any])?["pin"] as? String)
            // The agent replaces the PIN (as after a lock): the first one stops working.
            let reissued = await assist(["sessions", "pin", String(id), "--json"], port: port, token: f.agent.token)
            #expect(reissued.exitCode == 0, "\(reissued.standardError)")
            let pin = try #require(((try JSONSerialization.jsonObject(with: Data(reissued.standardOutput.utf8)) as? [String: Any])?["credentials"] as? [String: Any])?["pin"] as? String)
            if pin != firstPIN {
                let stale = await assist(["sessions", "join", String(id)], port: port, token: f.customerUser.token, input: firstPIN + "\n")
                #expect(stale.exitCode == 1 && stale.standardError.contains("(pin_mismatch)"), "\(stale.standardError)")
            }

            let joined = await assist(["sessions", "join", String(id)], port: port, token: f.customerUser.token, input: pin + "\n")
            #expect(joined.exitCode == 0, "\(joined.standardError)")
            #expect(joined.standardOutput.contains("active"))
            let ended = await assist(["sessions", "end", String(id)], port: port, token: f.agent.token)
            #expect(ended.standardOutput.contains("ended"))
            let gone = await assist(["sessions", "credentials", String(id)], port: port, token: f.agent.token)
            #expect(gone.exitCode == 1)
            #expect(gone.standardError.contains("(credentials_wiped)"))
        }
    }

    @Test("R-3.2 an agent meters and corrects help; accounting invoices, prints, exports for Excel and cancels from the command line")
    func billingWorkflow() async throws {
        let settings = InvoiceRouteTests.configured()
        try await LiveServer.with(settings) { port, _ in
            let f = try await AccountFixture.seed(databasePath: settings.databasePath, port: port)
            let tid = try await InvoiceRouteTests.billableTicket(f)
            let started = await assist(["sessions", "start", tid, "--kind", "install", "--json"], port: port, token: f.agent.token)
            #expect(started.exitCode == 0, "\(started.standardError)")
            let id = try #require((try JSONSerialization.jsonObject(with: Data(started.standardOutput.utf8)) as? [String: Any])?["id"] as? Int)
            #expect(await assist(["sessions", "stop", String(id)], port: port, token: f.agent.token).exitCode == 0)
            let noChange = await assist(["sessions", "correct", String(id), "--reason", "x"], port: port, token: f.agent.token)
            #expect(noChange.exitCode == 64, "says what the correction changes before sending anything")
            let corrected = await assist(["sessions", "correct", String(id), "--seconds", "3600", "--reason", "по журналу TeamViewer"], port: port, token: f.agent.token)
            #expect(corrected.exitCode == 0, "\(corrected.standardError)")
            #expect(corrected.standardOutput.contains("150000"))

            let today = MoscowTime.date(of: TestClock.now).description
            let created = await assist(
                ["invoices", "create", "--customer", String(f.customerA.id), "--from", today, "--to", today], port: port, token: f.accounting.token)
            #expect(created.exitCode == 0, "\(created.standardError)")
            #expect(created.standardOutput.hasPrefix("NUMBER"))
            #expect(created.standardOutput.contains("ООО Ромашка") && created.standardOutput.contains("150000"))
            let number = "\(MoscowTime.date(of: TestClock.now).year)-000001"
            let shown = await assist(["invoices", "show", number], port: port, token: f.customerUser.token)
            #expect(shown.standardOutput.contains(tid) && shown.standardOutput.contains("install"))

            let htmlFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).html").path
            #expect(await assist(["invoices", "html", number, "-o", htmlFile], port: port, token: f.accounting.token).exitCode == 0)
            #expect(try String(contentsOfFile: htmlFile, encoding: .utf8).contains("Одна тысяча пятьсот рублей 00 копеек"))

            let export = await assist(
                ["export", "hours", "--from", today, "--to", today, "--by", "customer", "--format", "excel-csv"], port: port, token: f.accounting.token)
            #expect(export.exitCode == 0)
            #expect(export.standardOutput.hasPrefix("\u{FEFF}Группировка;"))
            #expect(export.standardOutput.contains(";3600;3600;1,0000;1,0000;1500,00\r\n"))

            let cancelled = await assist(["invoices", "cancel", number, "--reason", "дубль"], port: port, token: f.accounting.token)
            #expect(cancelled.exitCode == 0 && cancelled.standardOutput.contains("CN-"))
            let refused = await assist(["invoices", "cancel", number, "--reason", "дубль"], port: port, token: f.accounting.token)
            #expect(refused.exitCode == 1 && refused.standardError.contains("(invoice_cancelled)"))
        }
    }
}
