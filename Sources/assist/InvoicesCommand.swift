import ArgumentParser

/// `assist invoices …`: счета на оплату and the credit notes that cancel them.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices", abstract: "Invoices: issue, read, print, cancel by a credit note.",
        subcommands: [Create.self, List.self, Show.self, HTML.self, Cancel.self])

    static let columns: [TextTable.Column] = [
        ("NUMBER", "number"), ("ISSUED", "issuedAt"), ("CUSTOMER", "buyer.name"), ("FROM", "periodFrom"), ("TO", "periodTo"),
        ("LINES", "lineCount"), ("TOTAL KOPECKS", "totalKopecks"), ("VAT KOPECKS", "vatKopecks"), ("CREDIT NOTE", "creditNote.number"),
    ]
    static let lineColumns: [TextTable.Column] = [
        ("#", "position"), ("KIND", "kind"), ("DATE", "date"), ("TID", "tid"), ("WORK", "meteredKind"), ("BILLED S", "billedSeconds"),
        ("KOPECKS", "amountKopecks"),
    ]

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accounting: issue a customer's invoice for a period (contracts starting in it, reviewed metered sessions).")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Customer id.") var customer: Int64
        @Option(help: "First day, YYYY-MM-DD (Moscow).") var from: String
        @Option(help: "Last day, YYYY-MM-DD (Moscow).") var to: String

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/invoices", body: ["customerId": customer, "from": from, "to": to], columns: InvoicesCommand.columns)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invoices, newest first (customers: their own).")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this customer's.") var customer: Int64?

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/invoices" + (customer.map { "?customer=\($0)" } ?? ""), columns: InvoicesCommand.columns)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One invoice's lines (--json: the whole invoice).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Invoice number, e.g. 2026-000001.") var number: String

        func run() async throws {
            try await APICall.run(connection, .GET, "/v1/invoices/\(number)", columns: InvoicesCommand.lineColumns, unwrap: "lines")
        }
    }

    struct HTML: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "html", abstract: "The printable счёт на оплату (HTML, A4).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Invoice number.") var number: String
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await APICall.download(connection, "/v1/invoices/\(number)/html", to: output)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accounting: cancel an invoice by a credit note; its sessions can be invoiced again.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Invoice number.") var number: String
        @Option(help: "Why (printed on the credit note).") var reason: String

        func run() async throws {
            try await APICall.run(
                connection, .POST, "/v1/invoices/\(number)/cancel", body: ["reason": reason],
                columns: [("CREDIT NOTE", "number"), ("INVOICE", "invoiceNumber"), ("KOPECKS", "amountKopecks"), ("REASON", "reason")])
        }
    }
}
