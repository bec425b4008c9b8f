/// R-4.7 by mail, with the December 2026 audit's decision: a letter's `From:` counts as the
/// address it names — so a licence address gives the commercial or VIP level — only when the
/// receiving MTA vouched for it: its `Authentication-Results` (from the configured
/// `authserv-id`, which that MTA strips from letters arriving with it) say DMARC passed for the
/// From domain, or SPF or DKIM passed for a domain aligned with it. Anything else — no such
/// header, a failure, a pass for another domain — and the letter is filed at the free level, its
/// reason shown to the agent, who may move it on after checking with the customer.
///
/// Alignment is relaxed (RFC 7489 §3.1): the same domain, or one a subdomain of the other. Without
/// a public-suffix list, the organisational domain is not computed, so `a.example.ru` and
/// `b.example.ru` do not align — a stricter reading, never a looser one — and a bare zone (`ru`)
/// aligns with nothing.
public enum SenderTrust {
    public struct Verdict: Sendable, Equatable {
        public let verified: Bool
        /// For the ticket's record: what vouched for the address, or why nothing did.
        public let reason: String

        public init(verified: Bool, reason: String) {
            self.verified = verified
            self.reason = reason
        }
    }

    /// `results`: those of the MTA we trust (nil: the letter carries none, or no `authserv-id`
    /// is configured); `sender`: the address in `From:`.
    public static func judge(_ results: [AuthenticationResult]?, sender: String) -> Verdict {
        guard let results, !results.isEmpty else {
            return Verdict(verified: false, reason: "the receiving mail server did not vouch for the sender (no Authentication-Results of ours)")
        }
        let domain = Self.domain(of: sender)
        for result in results where result.method == "dmarc" && result.result == "pass" {
            if let from = result.properties["header.from"], from.lowercased() != domain { continue }
            return Verdict(verified: true, reason: "DMARC passed for \(domain)")
        }
        for result in results where result.method == "dkim" && result.result == "pass" {
            guard let signer = result.properties["header.d"] ?? result.properties["header.i"].map(Self.domain(of:)) else { continue }
            if aligned(signer, domain) { return Verdict(verified: true, reason: "DKIM passed for \(signer.lowercased()), aligned with \(domain)") }
        }
        for result in results where result.method == "spf" && result.result == "pass" {
            guard let envelope = result.properties["smtp.mailfrom"].map(Self.domain(of:)) else { continue }
            if aligned(envelope, domain) { return Verdict(verified: true, reason: "SPF passed for \(envelope), aligned with \(domain)") }
        }
        let seen = results.map { "\($0.method)=\($0.result)" }.joined(separator: ", ")
        return Verdict(verified: false, reason: "no DMARC pass, nor an SPF or DKIM pass aligned with \(domain) (\(seen))")
    }

    /// A letter for an existing ticket whose sender was not vouched for is still added (a
    /// customer's answer must not be lost), with a note for the agent: its sender may not be who
    /// its `From:` says. Nil for a vouched-for letter.
    public static func appendNote(_ verdict: Verdict, sender: String) -> TicketRecordNote? {
        guard !verdict.verified else { return nil }
        return TicketRecordNote(
            .senderUnverified,
            "The letter from \(sender) was added, but \(verdict.reason): its sender may not be who its From line says (R-4.7). "
                + "Check with the customer before acting on what it asks.")
    }

    /// The domain of an address (or a domain given alone), lower-cased, without a trailing dot.
    static func domain(of text: String) -> String {
        var domain = Substring(text.lowercased())
        if let at = domain.lastIndex(of: "@") { domain = domain[domain.index(after: at)...] }
        while domain.hasSuffix(".") { domain = domain.dropLast() }
        return String(domain)
    }

    static func aligned(_ one: String, _ other: String) -> Bool {
        let a = domain(of: one), b = domain(of: other)
        // The parent must be a domain someone registers, not a zone like `ru`.
        func isParent(_ parent: String, of child: String) -> Bool { parent.contains(".") && child.hasSuffix("." + parent) }
        guard !a.isEmpty, !b.isEmpty else { return false }
        return a == b || isParent(b, of: a) || isParent(a, of: b)
    }
}
