/// How many digits a remote-access ID of each tool has (configurable: vendors change them).
public struct RemoteIDRules: Sendable, Equatable {
    public var teamviewer: ClosedRange<Int>
    public var ammyadmin: ClosedRange<Int>

    /// TeamViewer IDs have 9 or 10 digits; AmmyAdmin IDs 8 or 9.
    public init(teamviewer: ClosedRange<Int> = 9...10, ammyadmin: ClosedRange<Int> = 8...9) {
        self.teamviewer = teamviewer
        self.ammyadmin = ammyadmin
    }

    public func digits(for tool: RemoteTool) -> ClosedRange<Int> {
        switch tool {
        case .teamviewer: teamviewer
        case .ammyadmin: ammyadmin
        }
    }

    /// The ID as digits only (spaces and dashes removed), or nil if it is not a valid ID of `tool`.
    public func normalized(_ text: String, for tool: RemoteTool) -> String? {
        let kept = text.filter { $0 != " " && $0 != "-" }
        guard kept.allSatisfy({ $0.isASCII && $0.isNumber }), digits(for: tool).contains(kept.count) else { return nil }
        return kept
    }
}
