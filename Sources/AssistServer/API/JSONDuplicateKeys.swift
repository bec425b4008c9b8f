import AssistCore

/// Finds a key given twice in one JSON object (`{"subject":"a","subject":"b"}`), which
/// Foundation's parser accepts silently, keeping one of the two: a client and a proxy, or two
/// readers, could then disagree about what was sent. Keys are compared as the strings they
/// stand for, so `"a"` and `"\u0061"` are the same key.
///
/// One pass over the bytes, for a body the JSON parser has already accepted; each object's keys
/// in a set changed in place (an object of 400 000 keys costs 400 000 insertions, not copies of
/// the set).
enum JSONDuplicateKeys {
    /// An open object or array, and where the walk is in it.
    private enum Container {
        /// An object: its last key, and whether a key comes next; its keys are in `keys`, by depth.
        case object(key: String?, expectingKey: Bool)
        case array(index: Int)
    }

    /// Where the first repeated key stands (`subject`, `holidays[2].date`), or nil.
    static func first(in bytes: [UInt8]) -> String? {
        var stack: [Container] = []
        /// The keys seen in each open object, innermost last.
        var keys: [Set<String>] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                stack.append(.object(key: nil, expectingKey: true))
                keys.append([])
            case UInt8(ascii: "["):
                stack.append(.array(index: 0))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if case .object = stack.last { keys.removeLast() }
                if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                switch stack.last {
                case .object(let key, _): stack[stack.count - 1] = .object(key: key, expectingKey: true)
                case .array(let position): stack[stack.count - 1] = .array(index: position + 1)
                case nil: break
                }
            case UInt8(ascii: "\""):
                guard case .object(_, true) = stack.last else {
                    index = stringEnd(bytes, from: index)  // a value: only its end matters
                    continue
                }
                let (text, end) = string(bytes, from: index)
                guard keys[keys.count - 1].insert(text).inserted else { return path(stack.dropLast(), then: text) }
                stack[stack.count - 1] = .object(key: text, expectingKey: false)
                index = end
                continue
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The path through `containers` to `key`, written as the other refusals write it.
    private static func path(_ containers: ArraySlice<Container>, then key: String) -> String {
        var path = ""
        for container in containers {
            switch container {
            case .object(let name?, _): path += path.isEmpty ? name : ".\(name)"
            case .array(let position): path += "[\(position)]"
            case .object: break
            }
        }
        return path.isEmpty ? key : "\(path).\(key)"
    }

    /// The string starting at `start` (its opening quote), unescaped, and the index after its closing quote.
    private static func string(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var index = start + 1
        func flushRaw() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll(keepingCapacity: true)
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                raw.append(bytes[index])
                index += 1
                continue
            }
            flushRaw()
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var unit = hex(bytes, at: index)
                index += 4
                // A surrogate pair is one character in two escapes.
                if (0xD800..<0xDC00).contains(unit), index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                   bytes[index + 1] == UInt8(ascii: "u"), case let low = hex(bytes, at: index + 2), (0xDC00..<0xE000).contains(low) {
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
            default: scalars.append(Unicode.Scalar(escaped))  // \" \\ \/
            }
        }
        flushRaw()
        return (String(scalars), index + 1)
    }

    /// The index after the closing quote of the string starting at `start`.
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return index + 1
    }

    private static func hex(_ bytes: [UInt8], at start: Int) -> UInt32 {
        guard start + 4 <= bytes.count else { return 0xFFFD }
        return bytes[start..<(start + 4)].reduce(UInt32(0)) { $0 << 4 | UInt32(HexDigit.value($1) ?? 0) }
    }
}
