import Hummingbird
import NIOCore

/// Gathers a response body in memory, so it can be stored and sent again.
struct ResponseBodyCollector: ResponseBodyWriter {
    /// Shared with whoever made the collector: `ResponseBody.write` consumes the writer itself.
    final class Storage: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    let storage: Storage

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        storage.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}

    /// The body's bytes; the response keeps its body, re-made from them.
    static func collect(_ response: inout Response) async throws -> ByteBuffer {
        let storage = Storage()
        try await response.body.write(ResponseBodyCollector(storage: storage))
        response.body = ResponseBody(byteBuffer: storage.buffer)
        return storage.buffer
    }
}
