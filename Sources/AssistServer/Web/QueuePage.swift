import AssistCore
import AssistDesk
import Foundation
import Hummingbird

/// The agent's queue: out-of-turn tickets with their reason first, then arrival order (the
/// desk's order), each with the deadline it waits for — first reaction or next reaction —
/// counting down live; rows near or past it are marked.
struct QueuePage: Sendable {
    let desk: Desk
    let renderer: WebRenderer
    /// A deadline closer than this is "near".
    static let nearSeconds: TimeInterval = 30 * 60
    /// Rows per page: a page stays light (≤ 100 KB) however long the queue.
    static let pageSize = 100

    func register(on router: RouterGroup<AssistRequestContext>) {
        router.get("/queue") { request, context in
            try await renderer.answer(context) {
                let queue = try await desk.tickets.queue(try context.actor())
                let entries = queue.outOfTurn + queue.inTurn
                let pages = max(1, (entries.count + Self.pageSize - 1) / Self.pageSize)
                let page = min(max(1, request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1), pages)
                let now = desk.clock.now
                let rows = entries.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize).map { Self.row($0, now: now) }
                var model: [String: Any] = ["rows": Array(rows), "empty": entries.isEmpty, "count": entries.count, "page": page, "pages": pages]
                if page > 1 { model["previous"] = page - 1 }
                if page < pages { model["next"] = page + 1 }
                return renderer.page("queue", title: "Очередь", context: context, model: model)
            }
        }
    }

    static func row(_ entry: QueueView.Entry, now: Date) -> [String: Any] {
        let left = entry.dueAt.timeIntervalSince(now)
        return [
            "tid": entry.tid, "subject": entry.subject, "level": WebFormat.level(entry.slaLevel), "vip": entry.slaLevel == .vip,
            "customer": entry.customerId, "received": WebFormat.time(entry.receivedAt),
            "waiting": entry.waitingFor == .firstReaction ? "реакция" : "ответ",
            "due": WebFormat.time(entry.dueAt), "dueMachine": WebFormat.machineTime(entry.dueAt),
            "urgency": left < 0 ? "breached" : (left < nearSeconds ? "near" : ""),
            "outOfTurn": WebRenderer.shown(entry.outOfTurnReason),
        ]
    }
}
