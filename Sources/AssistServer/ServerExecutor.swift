import NIOCore
import NIOPosix

/// Where the server's Swift tasks run.
public enum ServerExecutor {
    /// Runs Swift concurrency's jobs on NIO's event loops — the threads that already read and
    /// write the sockets — instead of a second pool of threads. A connection's request task then
    /// starts and answers on the thread that holds the connection, without waking another
    /// thread each way. Measured with `Scripts/bench` on two cores: about 8 % less server CPU per
    /// new TLS connection, the same for keep-alive requests and database-bound ones.
    ///
    /// Safe here because nothing on the server blocks a task's thread: SQLite works on GRDB's
    /// own queues, scrypt on NIO's blocking pool, mail and HTTP on NIO. Call it once, first
    /// thing in a server command, on the main thread, before the server starts.
    public static func runTasksOnEventLoops() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
