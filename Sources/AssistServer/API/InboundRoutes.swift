import AssistDesk
import AssistMail
import Hummingbird

/// `POST /v1/inbound`: an e-mail handed in by the mail gateway, taken by the desk;
/// `GET /v1/inbound/held`: letters held beyond their sender's daily cap.
struct InboundRoutes {
    let desk: InboundDesk
    /// whose `Authentication-Results` vouch for a sender (`mail.authservId`).
    let trustedAuthservIds: Set<String>
    /// the head of support's published address (`support.headAddress`).
    let headAddress: String?
    let maxBodyBytes: Int

    func register(on group: RouterGroup<AssistRequestContext>) {
        group.post("/inbound") { request, context in
            let mail = try await RequestJSON.decode(InboundMail.self, from: request, limit: maxBodyBytes)
            let results = trustedAuthservIds.isEmpty ? nil : mail.authenticationResults.flatMap {
                AuthenticationResultsHeader.results(in: $0, trusted: trustedAuthservIds)
            }
            let result = try await desk.take(try context.actor(), mail, authenticationResults: results, headAddress: headAddress)
            return APIResponse(result.action == .opened ? .created : .ok, result)
        }
        group.get("/inbound/held") { _, context in
            APIResponse(.ok, try await desk.heldLetters(try context.actor()))
        }
    }
}
