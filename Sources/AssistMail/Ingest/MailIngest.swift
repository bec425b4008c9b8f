import AssistDesk
import Foundation
import Logging

/// The mail channel's way in: one raw letter → parsed → the desk; what the MTA is told back.
///
/// Automatic mail (auto-replies, lists, loops, our own letters) is never answered and never
/// filed; a delivery report marks our failed letter. A person's letter goes to
/// `InboundDesk.takeLetter`. `assistd ingest` (an MTA pipe) and the IMAP poller both use this.
public struct MailIngest: Sendable {
    /// What the MTA's pipe transport is told (sysexits): 0 taken, 75 try later, 65 refused for good.
    public struct Result: Sendable, Equatable {
        public let exitCode: Int32
        /// One sentence for stderr and the log.
        public let sentence: String

        public init(exitCode: Int32, sentence: String) {
            self.exitCode = exitCode
            self.sentence = sentence
        }
    }

    let desk: InboundDesk
    /// Our own mail domain: a letter with our Message-ID coming back is a loop.
    let ourDomain: String
    /// The receiving MTAs whose `Authentication-Results` vouch for a sender (R-4.7), lower-cased.
    let trustedAuthservIds: Set<String>
    /// R-5: the head of support's published address (`support.headAddress`): a letter to it escalates.
    let headAddress: String?
    let logger: Logger

    public init(desk: InboundDesk, ourDomain: String, trustedAuthservIds: Set<String>, headAddress: String? = nil, logger: Logger) {
        self.desk = desk
        self.ourDomain = ourDomain
        self.trustedAuthservIds = trustedAuthservIds
        self.headAddress = headAddress
        self.logger = logger
    }

    public func ingest(_ raw: [UInt8]) async -> Result {
        guard !raw.isEmpty else { return Result(exitCode: 65, sentence: "The letter is empty: nothing to file.") }
        let mail = MailParser.parse(raw)
        do {
            if let bounce = mail.bounce {
                guard let original = bounce.originalMessageId else {
                    return Result(exitCode: 0, sentence: "A delivery report without the original Message-ID: recorded nowhere, not answered.")
                }
                let matched = try await desk.takeBounce(
                    originalMessageId: original, failedRecipients: bounce.failedRecipients, reason: "\(bounce.status ?? "failed") for \(bounce.failedRecipients.joined(separator: ", "))")
                return Result(exitCode: 0, sentence: matched
                    ? "A delivery report: our letter \(original) is marked failed and its address flagged."
                    : "A delivery report for a letter that is not ours, or not for its recipient (\(original)): ignored.")
            }
            if let automatic = mail.automaticReason(ourDomain: ourDomain) {
                return Result(exitCode: 0, sentence: "An automatic letter (\(automatic)): not filed, not answered.")
            }
            guard let from = mail.from else {
                return Result(exitCode: 65, sentence: "The letter has no readable From address: it cannot be filed or answered.")
            }
            let outcome = try await desk.takeLetter(InboundLetter(
                from: from, subject: mail.subject, text: QuotedHistory.strip(mail.text), messageId: mail.messageId, threadIds: mail.threadIds,
                attachments: mail.attachments.map { IncomingFile(fileName: $0.fileName, bytes: $0.bytes) },
                authenticationResults: mail.authenticationResults(trusting: trustedAuthservIds),
                toHeadOfSupport: headAddress.map(mail.isAddressed(to:)) ?? false))
            let notes = mail.notes.isEmpty ? "" : " (\(mail.notes.joined(separator: "; ")))"
            switch outcome {
            case .appended(let tid): return Result(exitCode: 0, sentence: "Added to \(tid)\(notes).")
            case .opened(let tid): return Result(exitCode: 0, sentence: "Opened \(tid)\(notes).")
            case .duplicate: return Result(exitCode: 0, sentence: "Filed before (same Message-ID): nothing changed.")
            case .held(let answered):
                return Result(exitCode: 0, sentence: "Held for staff: the sender opened today's maximum of tickets by mail\(answered ? "; the sender was told" : "").")
            case .refused(let code, let reason, let answered):
                return Result(exitCode: 0, sentence: "Not filed (\(code.rawValue)): \(reason)\(answered ? "; the sender was told" : "").")
            }
        } catch {
            // The database is busy or unavailable: the MTA keeps the letter and tries again.
            logger.error("A letter could not be filed now", metadata: ["error": "\(error)"])
            return Result(exitCode: 75, sentence: "The desk cannot file letters right now (\(error)): try again later.")
        }
    }
}
