import Foundation

/// The engine the desk suite runs on: `ASSIST_DESK_ENGINE=postgres` (as `Scripts/test` sets for
/// the suite's second run) for the run's throwaway PostgreSQL, else a temporary SQLite file.
enum DeskEngine {
    case sqlite, postgres

    static let current: DeskEngine = ProcessInfo.processInfo.environment["ASSIST_DESK_ENGINE"] == "postgres" ? .postgres : .sqlite
}
