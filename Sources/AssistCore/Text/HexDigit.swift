/// Hexadecimal digits as ASCII bytes, read and written: the one place quoted-printable, RFC 2231
/// header parameters and the JSON escapes of stored lines take them from.
public enum HexDigit {
    /// The digit's value, upper or lower case; nil for a byte that is no hexadecimal digit.
    @inlinable
    public static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }

    /// The digit for `value` (0–15): upper case, as quoted-printable writes it, or lower.
    @inlinable
    public static func byte(_ value: UInt8, uppercase: Bool) -> UInt8 {
        value < 10 ? 48 + value : (uppercase ? 55 : 87) + value
    }
}
