/// From `effectiveFrom` (a Moscow date) on, metered help of `kind` costs `kopecksPerHour`.
public struct RateChange: Sendable, Equatable, Codable {
    public let kind: MeteredKind
    public let effectiveFrom: LocalDate
    public let kopecksPerHour: Int64

    public init(kind: MeteredKind, effectiveFrom: LocalDate, kopecksPerHour: Int64) {
        self.kind = kind
        self.effectiveFrom = effectiveFrom
        self.kopecksPerHour = kopecksPerHour
    }
}
