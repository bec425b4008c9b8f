import AssistTestSupport
import Foundation

/// A TLS client that sends exactly the bytes given, at the pace given: for requests no
/// well-behaved client sends (no Host, huge heads, trickled bodies). Python's ssl module over
/// the system OpenSSL, verifying the development CA.
enum RawTLS {
    struct Exchange: Sendable {
        /// Everything the server sent until it closed or `waitSeconds` ran out.
        let response: String
        /// Seconds from the first byte sent until the server closed (nil: still open).
        let closedAfter: Double?
    }

    /// Sends each chunk after its delay, then reads until the server closes or `waitSeconds`.
    static func exchange(port: Int, _ chunks: [(delay: Double, text: String)], waitSeconds: Double = 10) async -> Exchange {
        let plan = chunks.map { ["delay": $0.delay, "text": $0.text] as [String: Any] }
        let json = String(decoding: try! JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
        let result = await ExternalProcess.run(
            "python3", ["-c", script, String(port), Tools.development.caCertificate, String(waitSeconds)],
            input: Data(json.utf8), timeoutSeconds: waitSeconds + chunks.reduce(0) { $0 + $1.delay } + 20)
        let lines = result.standardOutput.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let closed = lines.first.flatMap { Double($0) }
        return Exchange(response: lines.count > 1 ? String(lines[1]) : "", closedAfter: closed.flatMap { $0 < 0 ? nil : $0 })
    }

    private static let script = #"""
import json, socket, ssl, sys, time
port, ca, wait = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
plan = json.load(sys.stdin)
context = ssl.create_default_context(cafile=ca)
started = time.monotonic()
received, closed = b"", -1.0
try:
    sock = context.wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="localhost")
    sock.settimeout(0.05)
    for step in plan:
        deadline = time.monotonic() + step["delay"]
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionResetError()
                received += chunk
            except (socket.timeout, ssl.SSLWantReadError):
                pass
        sock.sendall(step["text"].encode("utf-8", "surrogateescape"))
    end = time.monotonic() + wait
    while time.monotonic() < end:
        try:
            chunk = sock.recv(65536)
            if not chunk:
                closed = time.monotonic() - started
                break
            received += chunk
        except (socket.timeout, ssl.SSLWantReadError):
            pass
except (ConnectionError, ssl.SSLError, OSError):
    closed = time.monotonic() - started
print(closed)
print(received.decode("utf-8", "replace").replace("\r\n", "\\r\\n").replace("\n", "\\n"))
"""#
}
