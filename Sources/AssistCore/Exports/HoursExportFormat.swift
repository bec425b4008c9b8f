/// How an hours export is written.
public enum HoursExportFormat: String, Sendable, CaseIterable {
    /// `{"from": …, "rows": [ … ], "totals": { … }}`.
    case json
    /// RFC 4180: UTF-8, comma, decimal point, ISO dates, CRLF.
    case csv
    /// What Excel opens correctly in a Russian locale: UTF-8 with BOM, `;`, decimal comma,
    /// DD.MM.YYYY, CRLF, Russian headers.
    case excelCSV = "excel-csv"

    public var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .csv, .excelCSV: "text/csv; charset=utf-8; header=present"
        }
    }

    public var fileExtension: String { self == .json ? "json" : "csv" }
}
