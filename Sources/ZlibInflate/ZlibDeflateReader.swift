import AssistCore
import CZlib

/// Inflates ZIP entries (raw DEFLATE, method 8) with Debian's zlib, so judges what an
/// archive holds by its bytes. Streams through a fixed buffer: however large the entry says it
/// is, no more than `limit` bytes are inflated and only the first `head` are kept.
public struct ZlibDeflateReader: DeflateReader {
    public init() {}

    public func inflate(_ deflated: ArraySlice<UInt8>, head headBytes: Int, limit: Int) -> (head: [UInt8], size: Int)? {
        // On the heap, at one address for its whole life: zlib checks that the stream it is
        // handed is the one it initialised (a Swift `inout` promises no fixed address).
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        guard assist_inflate_init_raw(stream) == Z_OK else { return nil }
        defer { inflateEnd(stream) }
        var head: [UInt8] = []
        var size = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let finished: Bool = deflated.withUnsafeBufferPointer { input in
            // zlib only reads through next_in; its type lacks the const.
            stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
            stream.pointee.avail_in = uInt(input.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { output -> (Int32, Int) in
                    stream.pointee.next_out = output.baseAddress
                    stream.pointee.avail_out = uInt(output.count)
                    let status = CZlib.inflate(stream, Z_NO_FLUSH)
                    return (status, output.count - Int(stream.pointee.avail_out))
                }
                if head.count < headBytes { head += chunk.prefix(min(produced, headBytes - head.count)) }
                size += produced
                if size > limit { return false }
                switch status {
                case Z_STREAM_END: return true
                case Z_OK where produced > 0 || stream.pointee.avail_in > 0: continue
                default: return false  // damaged, or the input ended before the stream did
                }
            }
        }
        return finished ? (head, size) : nil
    }
}
