import AssistCore
import Foundation

/// Writes an API answer's JSON straight into bytes, exactly as `JSONEncoder.api` writes it: keys
/// in sorted order (the caller writes them so), an optional field left out when it is nil, strings
/// as `JSONString` writes them (Foundation's escaping), times as `MoscowTime.format`.
///
/// For `DirectJSONAnswer`s only: the answers on the hottest paths, where Foundation's encoder was
/// 7 % of the server's CPU (starting and stopping the clock). Each is held to `JSONEncoder.api`'s
/// bytes by a test.
struct JSONAnswerWriter {
    private(set) var bytes: [UInt8] = []
    /// A value was written at this level, so the next key needs a comma before it.
    private var afterValue = false

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    mutating func field(_ name: StaticString, _ value: Int64) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        afterValue = true
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        field(name, Int64(value))
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        afterValue = true
    }

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        JSONString.append(value, to: &bytes)
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
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes += [UInt8(ascii: "\""), UInt8(ascii: ":")]
    }
}
