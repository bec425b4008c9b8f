import NIOCore
import NIOHTTP1
import NIOPosix
import OpenSSLTLS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends HTTPS requests to one server over the system OpenSSL, one connection per request.
///
/// The server's certificate is verified against `trustRootsFile` (or the system's trust
/// store) and its host name or address; a client certificate is sent when given (mTLS).
public struct HTTPSClient: Sendable {
    public let host: String
    public let port: Int
    public var timeoutSeconds: Int = 30
    private let tlsContext: OpenSSLContext
    private let group: any EventLoopGroup

    /// - Parameter server: `https://host:port` (the port defaults to 443).
    public init(
        server: String,
        trustRootsFile: String?,
        certificateChainFile: String? = nil,
        privateKeyFile: String? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) throws {
        (host, port) = try Self.parse(server)
        tlsContext = try OpenSSLContext(
            configuration: TLSConfiguration(
                certificateChainFile: certificateChainFile,
                privateKeyFile: privateKeyFile,
                trustRootsFile: trustRootsFile
            ),
            role: .client
        )
        self.group = group
    }

    public var serverDescription: String {
        host.contains(":") ? "https://[\(host)]:\(port)" : "https://\(host):\(port)"
    }

    public func send(
        method: HTTPMethod = .GET, path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> HTTPSResponse {
        let server = serverDescription
        let promise = group.next().makePromise(of: HTTPSResponse.self)
        let tlsContext = self.tlsContext
        let host = self.host
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(OpenSSLHandler(context: tlsContext, serverName: host))
                    try sync.addHTTPClientHandlers()
                    try sync.addHandler(ResponseCollector(promise: promise, closedError: HTTPSClientError.connectionClosed(server: server)))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            promise.fail(error)
            throw HTTPSClientError.connectFailed(server: server, reason: Self.reason(error))
        }
        let timeout = channel.eventLoop.scheduleTask(in: .seconds(Int64(timeoutSeconds))) {
            promise.fail(HTTPSClientError.timedOut(server: server, seconds: timeoutSeconds))
            channel.close(promise: nil)
        }
        defer { timeout.cancel() }

        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "Content-Length", value: String(body?.count ?? 0))
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body, !body.isEmpty {
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)

        do {
            return try await promise.futureResult.get()
        } catch let error as OpenSSLError {
            throw HTTPSClientError.tls(error, server: server, host: host)
        }
    }

    /// The first socket error behind a failed connect, in plain words.
    static func reason(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError,
           let failure = connection.connectionErrors.first?.error as? IOError {
            return String(cString: strerror(failure.errnoCode)).lowercased()
        }
        if let failure = error as? IOError {
            return String(cString: strerror(failure.errnoCode)).lowercased()
        }
        return "\(error)"
    }

    static func parse(_ server: String) throws -> (host: String, port: Int) {
        guard server.hasPrefix("https://") else { throw HTTPSClientError.invalidServerAddress(server) }
        var rest = Substring(server.dropFirst("https://".count))
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        let host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw HTTPSClientError.invalidServerAddress(server) }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw HTTPSClientError.invalidServerAddress(server)
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        let port = portText.map { Int($0) } ?? 443
        guard !host.isEmpty, let port, (1...65535).contains(port) else {
            throw HTTPSClientError.invalidServerAddress(server)
        }
        return (String(host), port)
    }
}
