/// How a message reached the desk: the support site's API (and the CLI over
/// it), the web console, or e-mail — the official channels — or typed in by staff for a sender
/// (taken by phone, say), which is marked so nobody mistakes it for the customer's own filing.
/// Phone, messengers and forums are not channels.
public enum MessageChannel: String, Sendable, Codable, CaseIterable {
    case api
    case web
    case email
    /// Filed by support staff in the sender's name (a ticket or a split they typed in).
    case staff

    /// a ticket staff file in a sender's name is marked `staff`, whatever screen they typed
    /// it on; a customer's own filing keeps the official channel it came through.
    public static func filing(via channel: MessageChannel, by actor: UserAccount) -> MessageChannel {
        actor.role == .customer ? channel : .staff
    }
}
