import AssistCore

/// The answer of starting and stopping the clock, a pair of requests per billed stretch of
/// help: written directly, keys in sorted order, nil fields left out, as `Codable` would.
extension MeteredSession: DirectJSONAnswer {
    func writeJSON(to writer: inout JSONAnswerWriter) {
        writer.beginObject()
        writer.field("agentUserId", agentUserId)
        if let amountKopecks { writer.field("amountKopecks", amountKopecks) }
        if let billedSeconds { writer.field("billedSeconds", billedSeconds) }
        writer.field("channel", channel.rawValue)
        writer.field("customerId", customerId)
        writer.field("flaggedForReview", flaggedForReview)
        writer.field("id", id)
        if let invoiceNumber { writer.field("invoiceNumber", invoiceNumber) }
        writer.field("kind", kind.rawValue)
        writer.field("rateKopecksPerHour", rateKopecksPerHour)
        if let rawSeconds { writer.field("rawSeconds", rawSeconds) }
        writer.beginObject("rule")
        writer.field("incrementSeconds", rule.incrementSeconds)
        writer.field("minimumSeconds", rule.minimumSeconds)
        writer.endObject()
        writer.field("startedAt", startedAt)
        if let stoppedAt { writer.field("stoppedAt", stoppedAt) }
        writer.field("ticketId", ticketId)
        writer.field("tid", tid)
        writer.endObject()
    }
}
