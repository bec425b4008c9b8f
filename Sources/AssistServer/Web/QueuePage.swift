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

    func register(on router: RouterGroup<AssistRequestContext>) {
        router.get("/queue") { _, context in
            try await renderer.answer(context) {
                let queue = try await desk.tickets.queue(try context.actor())
                let now = Date()
                let rows = (queue.outOfTurn + queue.inTurn).map { Self.row($0, now: now) }
                return renderer.page("queue", title: "Очередь", context: context, model: ["rows": rows, "empty": rows.isEmpty, "count": rows.count])
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
            "outOfTurn": entry.outOfTurnReason as Any,
        ]
    }
}
