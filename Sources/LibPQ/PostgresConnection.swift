import CLibPQ
import Foundation

/// One connection to PostgreSQL through libpq. libpq's calls block, so a connection is used by
/// one job at a time on one of the pool's threads (`PostgresPool`), never on an event loop; that
/// exclusive hand-over is why it may cross threads (`@unchecked Sendable`).
///
/// Statements run with their values bound as parameters, prepared once per connection and
/// reused by their text; results come back as text, copied out before libpq's result is freed.
public final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Prepared statements of this connection, by their SQL.
    private var prepared: [String: String] = [:]

    /// Connects to `uri` (a libpq connection URI or `key=value` string; `sslmode=verify-full`
    /// and `sslrootcert` for TLS, a multi-host list with `target_session_attrs=read-write` for
    /// failover). The session runs in UTC, so `timestamptz` text reads back the instant written.
    public init(uri: String) throws(PostgresError) {
        guard let handle = PQconnectdb(uri) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.errorText(handle)
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: message)
        }
        self.handle = handle
        // Fully initialised from here: should this throw, `deinit` closes the connection.
        try execute("SET TIME ZONE 'UTC'")
    }

    deinit { PQfinish(handle) }

    /// Whether the connection is still good to hand out again.
    public var isUsable: Bool { PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// Whether the connection runs over TLS (libpq's OpenSSL, the system's libssl).
    public var usesTLS: Bool { PQsslInUse(handle) == 1 }

    /// Runs `sql` with `parameters` bound to `$1`, `$2`, …, prepared once for this connection.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PostgresParameter] = []) throws(PostgresError) -> PostgresRows {
        let name = try statement(sql, parameterCount: parameters.count)
        return try Self.withParameters(parameters) { values, lengths, formats throws(PostgresError) in
            try rows(PQexecPrepared(handle, name, Int32(parameters.count), values, lengths, formats, 0))
        }
    }

    /// Runs one or more statements without parameters (migrations, `BEGIN`, `SET`): never with a value in them.
    @discardableResult
    public func execute(_ sql: String) throws(PostgresError) -> PostgresRows {
        try rows(PQexec(handle, sql))
    }

    private func statement(_ sql: String, parameterCount: Int) throws(PostgresError) -> String {
        if let name = prepared[sql] { return name }
        let name = "s\(prepared.count + 1)"
        _ = try rows(PQprepare(handle, name, sql, Int32(parameterCount), nil))
        prepared[sql] = name
        return name
    }

    /// Copies a result out and frees it; a failed one becomes a typed error.
    private func rows(_ result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        guard let result else { throw PostgresError(kind: .connection, message: Self.errorText(handle)) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            let columnCount = Int(PQnfields(result)), rowCount = Int(PQntuples(result))
            let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
            let rows = (0..<rowCount).map { row in
                (0..<columnCount).map { column -> String? in
                    PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
                }
            }
            return PostgresRows(columns: columns, rows: rows, affected: Int(String(cString: PQcmdTuples(result))) ?? 0)
        default:
            let sqlState = Self.field(result, assist_pg_diag_sqlstate())
            let primary = Self.field(result, assist_pg_diag_message_primary())
            throw PostgresError(
                kind: PQstatus(handle) == CONNECTION_OK ? PostgresError.kind(of: sqlState) : .connection, sqlState: sqlState,
                constraint: Self.field(result, assist_pg_diag_constraint_name()), message: primary ?? Self.errorText(handle))
        }
    }

    private static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }

    /// libpq's message on one line (it breaks a hint onto a tabbed line of its own): one sentence
    /// in a log or a start-up error.
    private static func errorText(_ handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle)).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Lays the parameters out as libpq wants them — C strings for text, raw bytes with their
    /// length for binary, a null pointer for NULL — for the length of `body`.
    private static func withParameters<T>(
        _ parameters: [PostgresParameter],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) throws(PostgresError) -> T
    ) throws(PostgresError) -> T {
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        defer { buffers.forEach { free($0) } }
        var lengths: [Int32] = [], formats: [Int32] = []
        for parameter in parameters {
            switch parameter {
            case .text(let text):
                // A C string would end at the NUL and store less than was given: refuse instead
                // (PostgreSQL's text cannot hold one; the desk refuses them in input first).
                guard !text.utf8.contains(0) else {
                    throw PostgresError(kind: .statement, message: "a text value holds a NUL byte, which PostgreSQL text cannot store")
                }
                buffers.append(strdup(text))
                lengths.append(0)
                formats.append(0)
            case .bytes(let bytes):
                let buffer = malloc(max(bytes.count, 1))!.assumingMemoryBound(to: CChar.self)
                bytes.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(buffer), byteCount: bytes.count) }
                buffers.append(buffer)
                lengths.append(Int32(bytes.count))
                formats.append(1)
            case .null:
                buffers.append(nil)
                lengths.append(0)
                formats.append(0)
            }
        }
        let values = buffers.map { UnsafePointer($0) }
        return try values.withUnsafeBufferPointer { values throws(PostgresError) in
            try lengths.withUnsafeBufferPointer { lengths throws(PostgresError) in
                try formats.withUnsafeBufferPointer { formats throws(PostgresError) in
                    try body(values.baseAddress, lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }
}
