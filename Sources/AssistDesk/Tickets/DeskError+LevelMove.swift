import AssistCore

extension DeskError {
    /// The refusal of each move `LevelMove` does not allow, saying what to do instead.
    init(_ refusal: LevelMove.Refusal, tid: String) {
        switch refusal {
        case .notATarget:
            self = .invalidField("level", "must be consulting (R-2.5.5) or development (R-2.5.6)")
        case .notOpen(let state):
            self = .ticketNotOpen(tid, state, doing: "moving it to another level")
        case .sameLevel(let level):
            self.init(
                .conflict, code: .sameLevel, title: "Already at that level",
                detail: "\(tid) is at \(level.rawValue) already: a move starts a new clock, so nothing was changed.")
        case .noDevelopment(let level, let tier):
            let why = level == .vip ? "a VIP ticket does not go to development (R-2.5.3)" : "free support has no developers (\(tier.rawValue) customer)"
            self.init(
                .conflict, code: .noDevelopment, title: "Not for development",
                detail: "\(tid) cannot go to development: \(why). Move it to consulting, or answer it as it is.")
        }
    }
}
