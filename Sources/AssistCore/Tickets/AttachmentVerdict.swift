/// on one attachment: let in as a format, or refused with the sentence the customer
/// reads (Russian, quoting the rule, with the specific reason first so the customer can fix it).
public enum AttachmentVerdict: Sendable, Equatable {
    case accepted(AttachmentFormat)
    case refused(String)
}
