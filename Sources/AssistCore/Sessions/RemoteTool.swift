/// remote help is given only through TeamViewer or AmmyAdmin.
public enum RemoteTool: String, Sendable, Codable, CaseIterable {
    case teamviewer
    case ammyadmin
}
