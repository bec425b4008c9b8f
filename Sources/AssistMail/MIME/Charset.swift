import AssistCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Turns bytes in a declared charset into text. Russian mail still comes in KOI8-R,
/// windows-1251 and ISO-8859-5 as well as UTF-8; glibc's iconv knows them all.
///
/// An unknown charset, or bytes that do not fit the declared one, are read as UTF-8 with
/// replacement characters: a letter is degraded, never lost or crashed on.
enum Charset {
    static func decode(_ bytes: [UInt8], charset declared: String?) -> String {
        let name = (declared ?? "utf-8").trimming(CharacterSet(charactersIn: "\"' ")).lowercased()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "":
            return String(decoding: bytes, as: UTF8.self)
        default:
            return iconv(bytes, from: name) ?? String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func iconv(_ bytes: [UInt8], from charset: String) -> String? {
        #if canImport(Glibc)
        let converter = iconv_open("UTF-8", charset)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer = inputBuffer.baseAddress
                var inLeft = inputBuffer.count
                var outPointer = outputBuffer.baseAddress
                var outLeft = outputBuffer.count
                let result = Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == -1 ? nil : outputBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(decoding: output.prefix(converted).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        return nil
        #endif
    }
}
