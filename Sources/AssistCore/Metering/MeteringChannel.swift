/// How billed help is given: over remote access, or the free one-time phone install.
public enum MeteringChannel: String, Sendable, Codable, CaseIterable {
    case remote
    case phoneInstall = "phone-install"
}
