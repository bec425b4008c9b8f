import AssistCore
import Foundation

/// The SLA arithmetic as a public service: anyone may ask what deadline a ticket would get.
public struct SLADesk: Sendable {
    let calculators: DeadlineCalculatorSource

    /// The reaction deadline of `level` for a ticket received at `receivedAt`, explained.
    public func deadline(level: SLALevel, receivedAt: Date) async throws -> SLADeadline {
        guard RFC3339.supportedYears.contains(MoscowTime.date(of: receivedAt).year) else {
            throw DeskError(
                .unprocessable, code: .dateOutOfRange, title: "Date out of range",
                detail: "Deadlines are computed for the years \(RFC3339.supportedYears.lowerBound)–\(RFC3339.supportedYears.upperBound): give a time within them.")
        }
        return try await calculators.current().deadline(for: level, receivedAt: receivedAt)
    }
}
