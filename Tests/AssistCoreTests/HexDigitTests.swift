import AssistCore
import Testing

@Suite("Hexadecimal digits as bytes")
struct HexDigitTests {
    @Test("every byte reads as Swift's own radix-16 parse reads it; every value 0–15 writes the digit Swift writes, in either case")
    func agreesWithSwift() {
        for byte in UInt8.min...UInt8.max {
            let expected = UInt8(String(decoding: [byte], as: UTF8.self), radix: 16)
            #expect(HexDigit.value(byte) == expected, "\(byte)")
        }
        for value in UInt8(0)...15 {
            #expect(HexDigit.byte(value, uppercase: true) == UInt8(ascii: Unicode.Scalar(String(value, radix: 16, uppercase: true))!))
            #expect(HexDigit.byte(value, uppercase: false) == UInt8(ascii: Unicode.Scalar(String(value, radix: 16))!))
        }
    }
}
