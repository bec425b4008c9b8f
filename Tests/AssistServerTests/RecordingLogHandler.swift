import Foundation
import Logging

/// A log handler that keeps every line, for tests that check what the server logs.
struct RecordingLogHandler: LogHandler {
    struct Line: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: String
    }

    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [Line] = []
        func append(_ line: Line) { lock.withLock { lines.append(line) } }
        var all: [Line] { lock.withLock { lines } }
    }

    let lines: Lines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.append(Line(level: event.level, message: "\(event.message)", metadata: merged.map { "\($0)=\($1)" }.sorted().joined(separator: " ")))
    }

    /// A logger writing into `lines`.
    static func logger(into lines: Lines) -> Logger {
        Logger(label: "assist-test-recorded") { _ in RecordingLogHandler(lines: lines) }
    }
}
