/// Why the desk refused a use case: a stable code for programs and a sentence for people that
/// says what to do. Channel-neutral: the API answers it as a problem (its `kind` gives the
/// status), the web console as a page message, mail as a polite reply.
///
/// Never carries a secret, a stack trace or another customer's data.
public struct DeskError: Error, Sendable, Equatable {
    /// What sort of refusal, which each channel renders its own way.
    public enum Kind: Sendable, Equatable {
        /// The input is wrong: fix it and send again.
        case invalid
        /// Nobody is signed in.
        case unauthenticated
        /// Signed in, but this role may not do it.
        case forbidden
        /// It does not exist — or the actor may not know that it does.
        case notFound
        /// The current state does not allow it.
        case conflict
        /// It existed and is gone for good.
        case gone
        /// Well-formed, but it names something that cannot be used.
        case unprocessable
        /// Locked until someone else acts.
        case locked
        /// Too many attempts: wait and try again.
        case tooManyRequests
    }

    public let kind: Kind
    public let code: Code
    public let title: String
    public let detail: String

    public init(_ kind: Kind, code: Code, title: String, detail: String) {
        self.kind = kind
        self.code = code
        self.title = title
        self.detail = detail
    }
}
