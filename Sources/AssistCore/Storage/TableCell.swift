/// One stored value as it moves from one engine to the other (`assistd migrate-database`):
/// what SQLite holds, before PostgreSQL casts it to its column's type.
public enum TableCell: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
