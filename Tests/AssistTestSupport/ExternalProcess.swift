import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs another program (openssl, curl, our own binaries) with a time limit.
public enum ExternalProcess {
    public struct Result: Sendable {
        public let exitCode: Int32
        public let standardOutput: String
        public let standardError: String
        public let timedOut: Bool
    }

    /// Runs `executable` (a path, or a name looked up on PATH) to completion or until the
    /// time limit, feeding `input` on standard input. `environment` is the child's whole environment.
    ///
    /// Waits on a thread of its own: on Linux, Swift's cooperative pool *is* libdispatch's
    /// global pool, as wide as the machine has cores, so blocking either one starves an
    /// in-process server that the program under test is talking to.
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil,
        environment: [String: String]? = nil, timeoutSeconds: Double = 30
    ) async -> Result {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(
                    returning: runBlocking(
                        executable, arguments, input: input, environment: environment, timeoutSeconds: timeoutSeconds))
            }.start()
        }
    }

    /// The same, blocking the calling thread: only for code that is not on the cooperative pool.
    public static func runBlocking(
        _ executable: String, _ arguments: [String], input: Data? = nil,
        environment: [String: String]? = nil, timeoutSeconds: Double = 30
    ) -> Result {
        let child: ChildProcess
        let stdin: (read: Int32, write: Int32), output: (read: Int32, write: Int32), error: (read: Int32, write: Int32)
        do {
            (stdin, output, error) = (try ChildProcess.pipe(), try ChildProcess.pipe(), try ChildProcess.pipe())
            child = try ChildProcess.spawn(
                executable, arguments, environment: environment, standardInput: stdin.read, standardOutput: output.write, standardError: error.write)
        } catch {
            return Result(exitCode: -1, standardOutput: "", standardError: "\(error)", timedOut: false)
        }
        // The child has its ends; ours must close so that reads end when the child does.
        close(stdin.read)
        close(output.write)
        close(error.write)
        // Read both pipes concurrently so a chatty program never blocks on a full pipe
        // (on threads of their own, for the reason given on `run`).
        let outputData = LockedData(), errorData = LockedData()
        let group = DispatchGroup()
        for (descriptor, sink) in [(output.read, outputData), (error.read, errorData)] {
            group.enter()
            Thread {
                sink.set(ChildProcess.readAll(descriptor))
                group.leave()
            }.start()
        }
        if let input {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(stdin.write, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
        close(stdin.write)

        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var timedOut = false
        while child.isRunning {
            if Date() > deadline {
                timedOut = true
                child.send(SIGKILL)
                break
            }
            usleep(5_000)
        }
        let termination = child.waitUntilExit()
        group.wait()
        let exitCode: Int32 = switch termination {
        case .exit(let code): code
        case .signal(let signal): 128 + signal
        }
        return Result(
            exitCode: exitCode,
            standardOutput: String(decoding: outputData.get(), as: UTF8.self),
            standardError: String(decoding: errorData.get(), as: UTF8.self),
            timedOut: timedOut
        )
    }
}

/// Data written by one thread and read by another after it is done.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
