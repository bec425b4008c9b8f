import AssistCore
import Foundation
import NIOCore

/// Writes an API answer's JSON straight into bytes, exactly as `JSONEncoder.api` writes it: keys
/// in sorted order (the caller writes them so), an optional field left out when it is nil, strings
/// escaped as Foundation escapes them, times as `MoscowTime.format`.
///
/// For `DirectJSONAnswer`s only: the answers on the hottest paths, where Foundation's encoder was
/// 7 % of the server's CPU (starting and stopping the clock). Each is held to `JSONEncoder.api`'s
/// bytes by a test.
struct JSONAnswerWriter {
    private(set) var buffer: ByteBuffer
    /// A value was written at this level, so the next key needs a comma before it.
    private var afterValue = false

    init(capacity: Int = 512) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    mutating func beginObject() {
        buffer.writeInteger(UInt8(ascii: "{"))
        afterValue = false
    }

    mutating func endObject() {
        buffer.writeInteger(UInt8(ascii: "}"))
        afterValue = true
    }

    mutating func field(_ name: StaticString, _ value: Int64) {
        key(name)
        buffer.writeString(String(value))
        afterValue = true
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        field(name, Int64(value))
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        buffer.writeStaticString(value ? "true" : "false")
        afterValue = true
    }

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        writeString(value)
        afterValue = true
    }

    mutating func field(_ name: StaticString, _ value: Date) {
        field(name, MoscowTime.format(value))
    }

    /// A nested object: its key, then `beginObject`; the caller writes its fields and `endObject`.
    mutating func beginObject(_ name: StaticString) {
        key(name)
        beginObject()
    }

    /// Keys are the answer's own property names: ASCII that needs no escaping.
    private mutating func key(_ name: StaticString) {
        if afterValue { buffer.writeInteger(UInt8(ascii: ",")) }
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
    }

    /// Foundation's escaping: the quote, the backslash, and every C0 control character (the usual
    /// five by name, the rest as `\u00xx`); everything else as its UTF-8 bytes, slashes included.
    private mutating func writeString(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0C: buffer.writeStaticString("\\f")
                case 0x0D: buffer.writeStaticString("\\r")
                default:
                    let digits: StaticString = "0123456789abcdef"
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(digits.utf8Start[Int(byte >> 4)])
                    buffer.writeInteger(digits.utf8Start[Int(byte & 0x0F)])
                }
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}
