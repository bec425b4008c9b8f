import AssistCore
import AssistDesk
import Foundation
import Hummingbird
import NIOCore

/// Accounting exports: metered hour totals for a period, streamed page by page so the server's
/// memory stays flat however long the period.
struct ExportRoutes {
    let desk: InvoiceDesk
    /// Groups read from the database per page.
    var pageSize = 2000

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.get("/exports/hours") { request, context in
            let actor = try context.actor()
            let query = try QueryParameters(request, allowed: ["from", "to", "by", "format"])
            let period = try PeriodQuery(from: query["from"], to: query["to"]) { field, problem in
                Problem.invalidQuery("The query parameter '\(field)' \(problem).")
            }
            let grouping = try query.value("by", expected: "customer, agent, kind or ticket", HoursGrouping.init(rawValue:)) ?? .customer
            let format = try query.value("format", expected: "json, csv or excel-csv", HoursExportFormat.init(rawValue:)) ?? .json
            return try await Self.stream(desk: desk, actor: actor, from: period.from, to: period.to, by: grouping, format: format, pageSize: pageSize)
        }
    }

    /// The export as a download, read and sent page by page: the API's route and the console's
    /// download share it.
    static func stream(
        desk: InvoiceDesk, actor: UserAccount, from: LocalDate, to: LocalDate, by grouping: HoursGrouping, format: HoursExportFormat, pageSize: Int
    ) async throws -> Response {
        // The first page is read before answering, so a database failure is still a clean error.
        let first = try await desk.hourTotals(actor, from: from, to: to, by: grouping, afterKey: nil, limit: pageSize)
        let filename = "hours-\(from)-\(to)-\(grouping.rawValue).\(format.fileExtension)"
        let body = ResponseBody { [desk, pageSize] writer in
            var exporter = HoursExportWriter(format: format, grouping: grouping, from: from, to: to)
            var page = first
            var text = exporter.header()
            while true {
                for total in page {
                    text += exporter.row(total)
                    if text.utf8.count >= 64 * 1024 {
                        try await writer.write(ByteBuffer(string: text))
                        text = ""
                    }
                }
                guard page.count == pageSize, let last = page.last else { break }
                page = try await desk.hourTotals(actor, from: from, to: to, by: grouping, afterKey: last.key, limit: pageSize)
            }
            text += exporter.footer()
            try await writer.write(ByteBuffer(string: text))
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: body)
    }
}
