/// Why PostgreSQL (or reaching it) failed, sorted into what a caller acts on: a serialization
/// failure or a deadlock is retried (the transaction ran into another node's), a unique or
/// check violation is the last line of defence speaking, the rest is reported.
///
/// The message is PostgreSQL's or libpq's own sentence: it never holds the connection URI (and
/// so never its password), nor the parameters of the statement that failed.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached, refused the sign-in or TLS, or the connection broke.
        case connection
        /// SQLSTATE 40001: another transaction's writes conflict with this one's; run it again.
        case serializationFailure
        /// SQLSTATE 40P01: two transactions waited for each other; run it again.
        case deadlock
        /// SQLSTATE 23505: a unique constraint or index refused the row (`constraint` names it).
        case uniqueViolation
        /// SQLSTATE 23503.
        case foreignKeyViolation
        /// SQLSTATE 23514 (or 23502, a NULL where none may be).
        case checkViolation
        /// Any other failed statement.
        case statement
    }

    public let kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    public let sqlState: String?
    /// The constraint that refused the row, for the violations.
    public let constraint: String?
    public let message: String

    public init(kind: Kind, sqlState: String? = nil, constraint: String? = nil, message: String) {
        self.kind = kind
        self.sqlState = sqlState
        self.constraint = constraint
        self.message = message
    }

    /// The kind a SQLSTATE stands for.
    public static func kind(of sqlState: String?) -> Kind {
        switch sqlState {
        case "40001": .serializationFailure
        case "40P01": .deadlock
        case "23505": .uniqueViolation
        case "23503": .foreignKeyViolation
        case "23514", "23502": .checkViolation
        // 08…: the connection failed; 57P01–57P03: the server is shutting down, crashed or
        // starting (a restart, a failover) — a new connection may find it, or its successor.
        case let state? where state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state): .connection
        default: .statement
        }
    }

    /// Whether running the whole transaction again may succeed.
    public var isRetryable: Bool { kind == .serializationFailure || kind == .deadlock }

    public var description: String {
        "PostgreSQL: \(message)\(sqlState.map { " (SQLSTATE \($0))" } ?? "")"
    }
}
