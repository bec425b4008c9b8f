import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests' servers and tools.
///
/// Not Foundation's `Process`: on Linux it walks every open descriptor to close it in the child,
/// and with the ~1 500 sockets and database files the parallel suite holds open, that walk
/// crashed the whole test run inside `Process.run` (a bad read in `memcpy`, twice in CI). Here
/// the child gets its stdin, stdout and stderr and nothing else: glibc closes every descriptor
/// from 3 up in the child (one `close_range` call, no walk). That matters: NIO's sockets are
/// not close-on-exec on Linux, and a long-lived child (schemathesis, a mail peer) that
/// inherited an in-process server's socket kept that connection open after the server closed
/// it, so its client never saw the close.
public final class ChildProcess: @unchecked Sendable {
    public enum Termination: Sendable, Equatable {
        case exit(Int32)
        case signal(Int32)
    }

    public let pid: pid_t
    private let lock = NSLock()
    private var ended: Termination?

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Starts `executable` (a path, or a name looked up on PATH) with `arguments`. The
    /// descriptors given become the child's stdin, stdout and stderr; nil means /dev/null.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (target, source, mode) in [(Int32(0), standardInput, O_RDONLY), (1, standardOutput, O_WRONLY), (2, standardError, O_WRONLY)] {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, target)
            } else {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", mode, 0)
            }
        }
        guard let closeFrom = Self.addCloseFrom else { throw SpawnFailure(executable: executable, code: ENOSYS) }
        _ = closeFrom(&actions, 3)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environmentStrings = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environmentStrings.map { $0.map { strdup($0) } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid = pid_t()
        let result: Int32 = spawnLock.withLock { argv.withUnsafeBufferPointer { arguments in
            let argumentPointer = UnsafeMutablePointer(mutating: arguments.baseAddress!)
            if let envp {
                return envp.withUnsafeBufferPointer { environment in
                    let environmentPointer = UnsafeMutablePointer(mutating: environment.baseAddress!)
                    return executable.contains("/")
                        ? posix_spawn(&pid, executable, &actions, nil, argumentPointer, environmentPointer)
                        : posix_spawnp(&pid, executable, &actions, nil, argumentPointer, environmentPointer)
                }
            }
            return executable.contains("/")
                ? posix_spawn(&pid, executable, &actions, nil, argumentPointer, environ)
                : posix_spawnp(&pid, executable, &actions, nil, argumentPointer, environ)
        } }
        guard result == 0 else { throw SpawnFailure(executable: executable, code: result) }
        return ChildProcess(pid: pid)
    }

    /// How it ended, or nil while it runs (never blocks).
    public var termination: Termination? {
        lock.withLock {
            if let ended { return ended }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            ended = Self.termination(status)
            return ended
        }
    }

    public var isRunning: Bool { termination == nil }

    /// Waits for it to end (blocking: only off the cooperative pool).
    @discardableResult
    public func waitUntilExit() -> Termination {
        while true {
            if let termination { return termination }
            usleep(10_000)
        }
    }

    public func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    private static func termination(_ status: Int32) -> Termination {
        // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (they are macros).
        let signal = status & 0x7f
        return signal == 0 ? .exit((status >> 8) & 0xff) : .signal(signal)
    }

    public struct SpawnFailure: Error, CustomStringConvertible {
        let executable: String
        let code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// A pipe whose ends close on exec (a child gets only the end it is handed as stdin/out/err).
    public static func pipe() throws -> (read: Int32, write: Int32) {
        // pipe2 is hidden from Swift here; a pipe made and marked under the lock that spawns
        // also take never leaks into a child started in between.
        try spawnLock.withLock {
            var ends: [Int32] = [0, 0]
            guard Glibc.pipe(&ends) == 0 else { throw SpawnFailure(executable: "pipe", code: errno) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            return (ends[0], ends[1])
        }
    }

    private static let spawnLock = NSLock()

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
    /// Glibc module does not show: looked up by name.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Everything readable from `descriptor` until its other end closes; closes it.
    public static func readAll(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 { data.append(contentsOf: buffer[0..<count]); continue }
            if count < 0, errno == EINTR { continue }
            break
        }
        close(descriptor)
        return data
    }
}
