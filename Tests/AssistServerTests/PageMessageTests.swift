import AssistDesk
import Testing

@testable import AssistServer

/// The web's one translation of desk refusals: each says what happened in the person's terms.
@Suite("Desk refusals as page messages")
struct PageMessageTests {
    @Test("a correction of a session still running and a second start are told apart (the correction form said «already timing» before)")
    func meteredRunning() {
        let correction = PageMessage(DeskError(.conflict, code: .meteredRunning, title: "Still running", detail: "Metered session 4 is still running"))
        let secondStart = PageMessage(DeskError(.conflict, code: .agentHasRunningSession, title: "Running", detail: "Session 4 runs"))
        #expect(correction.text.contains("затем исправляйте") && correction.kind == .error)
        #expect(secondStart.text.contains("прежде чем начать новый"))
    }

    @Test("a refusal without its own sentence keeps the desk's sentence after a Russian heading of its kind")
    func fallback() {
        let message = PageMessage(DeskError(.conflict, code: .termNotOffered, title: "New", detail: "Do this instead."))
        #expect(message.text == "Сейчас нельзя: Do this instead.")
    }
}
