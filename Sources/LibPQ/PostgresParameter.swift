import Foundation

/// A value bound to a statement's `$n`: text in PostgreSQL's input syntax (the statement casts
/// it where the type is not obvious, `$1::bigint`), bytes sent in binary (for `bytea`), or NULL.
/// Values are never written into SQL text.
public enum PostgresParameter: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    case text(String)
    case bytes([UInt8])
    case null

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .text(String(value)) }
    public init(nilLiteral: ()) { self = .null }

    public init(_ value: String?) { self = value.map(PostgresParameter.text) ?? .null }
    public init(_ value: Int64?) { self = value.map { .text(String($0)) } ?? .null }
    public init(_ value: Int?) { self = value.map { .text(String($0)) } ?? .null }
    public init(_ value: Bool?) { self = value.map { .text($0 ? "true" : "false") } ?? .null }
    public init(_ value: [UInt8]?) { self = value.map(PostgresParameter.bytes) ?? .null }

    /// An instant as `timestamptz` input, to the microsecond PostgreSQL keeps.
    public init(_ value: Date?) {
        guard let value else { self = .null; return }
        self = .text(PostgresTime.text(value))
    }
}
