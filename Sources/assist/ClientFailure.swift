import ArgumentParser
import AssistClient
import Foundation
import OpenSSLTLS

/// Prints why a command failed, as one sentence, and picks the documented exit code.
enum ClientFailure {
    static let serverError: Int32 = 1
    static let unreachable: Int32 = 3
    static let tls: Int32 = 4

    static func exit(for error: any Error) -> ExitCode {
        let message: String
        let code: Int32
        switch error {
        case let error as HTTPSClientError:
            message = error.description
            switch error {
            case .tls: code = tls
            case .invalidServerAddress: code = 64
            default: code = unreachable
            }
        case let problem as APIProblem:
            message = problem.description
            code = serverError
        case let error as OpenSSLError:
            message = "The TLS files cannot be used: \(error). Check --ca, --cert and --key."
            code = 64
        default:
            message = "\(error)"
            code = serverError
        }
        FileHandle.standardError.write(Data("assist: \(message)\n".utf8))
        return ExitCode(code)
    }
}
