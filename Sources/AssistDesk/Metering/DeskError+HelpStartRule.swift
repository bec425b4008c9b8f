import AssistCore

extension DeskError {
    /// The refusal of each start `HelpStartRule` does not allow, saying what to do instead.
    init(_ refusal: HelpStartRule.Refusal, tid: String?) {
        switch refusal {
        case .remoteSessionRequired:
            self.init(
                .conflict, code: .remoteSessionRequired, title: "Remote session required",
                detail: "Billed help goes over remote access (R-1.4): open a TeamViewer or AmmyAdmin session on \(tid ?? "the ticket") and have the customer join it first.")
        case .phoneIsForInstalls(let kind):
            self = .invalidField(
                "kind", "must be install over the phone-install channel, not \(kind.rawValue): the phone is for installation only (R-1.5); update help goes over remote access and is billed (R-3.2)")
        case .phoneInstallUsed(let usedOn):
            self = .phoneInstallUsed(usedOn: usedOn)
        }
    }
}
