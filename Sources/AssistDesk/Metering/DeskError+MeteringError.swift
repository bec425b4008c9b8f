import AssistCore

extension DeskError {
    /// The refusal for each way metering can fail, naming the session or ticket concerned.
    init(_ error: MeteringError, id: Int64? = nil, tid: String? = nil) {
        let session = id.map { "Metered session \($0)" } ?? "The metered session"
        switch error {
        case .agentHasRunningSession(let running):
            self = .agentHasRunningSession(running)
        case .notFound:
            self = .notFound("metered session")
        case .ticketNotFound:
            self = .ticketNotFound
        case .alreadyStopped:
            self.init(.conflict, code: .alreadyStopped, title: "Already stopped", detail: "\(session) was stopped already: nothing changed.")
        case .stillRunning:
            self.init(.conflict, code: .meteredRunning, title: "Still running", detail: "\(session) is still running: stop it first, then correct it.")
        case .invoiced(let number):
            self.init(
                .conflict, code: .meteredInvoiced, title: "Already invoiced",
                detail: "\(session) is on invoice \(number) and can no longer change: cancel that invoice with a credit note first.")
        }
    }
}
