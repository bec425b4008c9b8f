/// A JSON value the hours export writes by hand, one row at a time, without building a document.
enum JSONScalar {
    case text(String)
    /// Already a valid JSON number.
    case number(String)

    var json: String {
        switch self {
        case .number(let digits): return digits
        case .text(let text):
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }

    /// The fields in the order given, so the output is stable.
    static func object(_ fields: [(String, JSONScalar)]) -> String {
        "{" + fields.map { "\"\($0.0)\":\($0.1.json)" }.joined(separator: ",") + "}"
    }
}
