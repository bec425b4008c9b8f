import Foundation

/// Runs another program (openssl, curl, our own binaries) with a time limit.
public enum ExternalProcess {
    public struct Result: Sendable {
        public let exitCode: Int32
        public let standardOutput: String
        public let standardError: String
        public let timedOut: Bool
    }

    /// Starts `process`, one launch at a time in this test process: Foundation's `Process.run`
    /// walks the open descriptors while it prepares the child, and two launches at once, with
    /// many sockets open, crashed the whole test run (a bad read inside `Process.run`).
    public static func launch(_ process: Process) throws {
        try launchLock.withLock { try process.run() }
    }

    private static let launchLock = NSLock()

    /// Runs `executable` (a path, or a name looked up on PATH) to completion or until the
    /// time limit, feeding `input` on standard input.
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
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let environment { process.environment = environment }
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        do {
            try launch(process)
        } catch {
            return Result(exitCode: -1, standardOutput: "", standardError: "\(error)", timedOut: false)
        }
        // Read both pipes concurrently so a chatty program never blocks on a full pipe
        // (on threads of their own, for the reason given on `run`).
        let outputData = LockedData(), errorData = LockedData()
        let group = DispatchGroup()
        for (pipe, sink) in [(output, outputData), (error, errorData)] {
            group.enter()
            Thread {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }.start()
        }
        if let input { stdin.fileHandleForWriting.write(input) }
        try? stdin.fileHandleForWriting.close()

        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        group.wait()
        return Result(
            exitCode: process.terminationStatus,
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
