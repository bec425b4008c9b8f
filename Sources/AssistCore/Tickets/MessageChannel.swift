/// How a message reached the desk: the support site's API (and the CLI over
/// it), the web console, or e-mail. Phone, messengers and forums are not channels.
public enum MessageChannel: String, Sendable, Codable, CaseIterable {
    case api
    case web
    case email
}
