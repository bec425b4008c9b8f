/// How long a web session lives: it ends after `idleSeconds` without a request, and after
/// `absoluteSeconds` whatever happens, so a forgotten browser does not stay signed in.
public struct WebSessionLifetime: Sendable, Equatable {
    public var idleSeconds: Int
    public var absoluteSeconds: Int
    /// How long a set-password link an admin gives out stays usable.
    public var passwordLinkSeconds: Int
    /// How long a link someone asked for by mail stays usable: short, as a mailbox is a weaker
    /// place than an admin's hand.
    public var mailedLinkSeconds: Int

    public init(idleSeconds: Int = 30 * 60, absoluteSeconds: Int = 12 * 3600, passwordLinkSeconds: Int = 72 * 3600, mailedLinkSeconds: Int = 60 * 60) {
        self.idleSeconds = idleSeconds
        self.absoluteSeconds = absoluteSeconds
        self.passwordLinkSeconds = passwordLinkSeconds
        self.mailedLinkSeconds = mailedLinkSeconds
    }
}
