import ArgumentParser
import Foundation

/// A command that could not do its work: prints `assistd: <sentence>` and exits 1.
/// (ArgumentParser's `ValidationError` is for bad arguments and prints the usage too.)
enum CommandFailure {
    static func exit(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("assistd: \(message)\n".utf8))
        return ExitCode(1)
    }
}
