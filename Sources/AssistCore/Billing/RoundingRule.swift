/// How raw metered seconds become billed seconds: up to the next `incrementSeconds`, and at
/// least `minimumSeconds`. The default bills every started minute.
public struct RoundingRule: Sendable, Equatable, Codable {
    public let incrementSeconds: Int
    public let minimumSeconds: Int

    public static let startedMinute = RoundingRule(incrementSeconds: 60, minimumSeconds: 0)

    public init(incrementSeconds: Int, minimumSeconds: Int) {
        self.incrementSeconds = max(1, incrementSeconds)
        self.minimumSeconds = max(0, minimumSeconds)
    }

    public func billedSeconds(raw: Int) -> Int {
        guard raw > 0 else { return 0 }
        let rounded = (raw + incrementSeconds - 1) / incrementSeconds * incrementSeconds
        return max(rounded, minimumSeconds)
    }
}
