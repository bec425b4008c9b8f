import ArgumentParser
import AssistCore
import Foundation

/// `assistd sla deadline --level L --from T`: when the first reaction is due, and why.
struct SLADeadlineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Print the reaction deadline (Moscow time) for a ticket of a level received at a time."
    )

    @Option(help: "SLA level: \(SLALevel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var level: String
    @Option(help: "When the ticket was received, RFC 3339 with an offset, e.g. 2026-11-25T10:00:00+03:00.")
    var from: String
    @Option(help: "VIP schedule: working-hours (10:00–20:00 on working days) or 24x7.")
    var vipSchedule: String = "working-hours"
    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard SLALevel(rawValue: level) != nil else {
            throw ValidationError("'\(level)' is not an SLA level: use one of \(SLALevel.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let received = RFC3339.parse(from) else {
            throw ValidationError("'\(from)' is not an RFC 3339 time with an offset: use e.g. 2026-11-25T10:00:00+03:00.")
        }
        guard RFC3339.supportedYears.contains(MoscowTime.date(of: received).year) else {
            throw ValidationError("Deadlines are computed for the years 2000–2100: give a time within them.")
        }
        guard ["working-hours", "24x7"].contains(vipSchedule) else {
            throw ValidationError("'\(vipSchedule)' is not a VIP schedule: use working-hours or 24x7.")
        }
    }

    func run() async throws {
        guard let level = SLALevel(rawValue: level), let received = RFC3339.parse(from) else { return }
        let calculator = DeadlineCalculator(calendar: .builtIn, vipSchedule: vipSchedule == "24x7" ? .aroundTheClock : .vip)
        let deadline = calculator.deadline(for: level, receivedAt: received)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(SLADeadlineReport(deadline)), as: UTF8.self))
        } else {
            print("Deadline: \(MoscowTime.format(deadline.deadline))")
            deadline.explanation.forEach { print("  \($0)") }
        }
    }
}
