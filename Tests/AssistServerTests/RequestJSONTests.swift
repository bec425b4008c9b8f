import AssistDesk
import Foundation
import NIOCore
import Testing

@testable import AssistServer

/// The strict reading of every JSON body, without a server: what is refused, with which code
/// and which path, and that what passes is read as sent.
@Suite("A request body is read strictly")
struct RequestJSONTests {
    static let empty = #""holidays":[],"workdays":[],"shortened":[]"#

    func refusal(_ body: String) -> Problem? {
        refusal(ByteBuffer(string: body))
    }

    func refusal(_ body: ByteBuffer) -> Problem? {
        do {
            _ = try RequestJSON.decode(CalendarYearInput.self, from: body)
            return nil
        } catch {
            return error as? Problem
        }
    }

    @Test("a body in UTF-16 or UTF-32, with a byte-order mark, or with bytes that are not UTF-8 is refused: JSON is UTF-8")
    func otherEncodings() {
        let body = "{\(Self.empty)}"
        var encodings: [[UInt8]] = []
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf16, .utf32LittleEndian] {
            encodings.append(Array(body.data(using: encoding)!))
        }
        encodings.append([0xEF, 0xBB, 0xBF] + Array(body.utf8))
        encodings.append(Array("{\"note\":\"".utf8) + [0xC3, 0x28] + Array("\",\(Self.empty)}".utf8))
        for bytes in encodings {
            let problem = refusal(ByteBuffer(bytes: bytes))
            #expect(problem?.code == "invalid_json" && problem?.detail.contains("UTF-8") == true, "\(bytes.prefix(6)): \(String(describing: problem))")
        }
        #expect(refusal(ByteBuffer(string: body)) == nil, "the same body in UTF-8 passes")
    }

    @Test("an object of 300 000 different keys is scanned for repeats in linear time: no slower than 20 times Foundation's own parse of it, plus a second")
    func manyKeys() throws {
        var body = Array("{".utf8)
        for index in 0..<300_000 { body += Array("\(index == 0 ? "" : ",")\"k\(index)\":\(index)".utf8) }
        body += Array("}".utf8)
        let clock = ContinuousClock()
        let parseStart = clock.now
        _ = try JSONSerialization.jsonObject(with: Data(body))
        let parsed = clock.now - parseStart
        let scanStart = clock.now
        #expect(JSONDuplicateKeys.first(in: body) == nil)
        let scanned = clock.now - scanStart
        #expect(scanned < parsed * 20 + .seconds(1), "scanned in \(scanned), parsed in \(parsed)")
        let repeated = Array(body.dropLast()) + Array(",\"k7\":1}".utf8)
        #expect(JSONDuplicateKeys.first(in: repeated) == "k7", "the one repeat, found at the end")
    }

    @Test("a key repeated in a nested object or in an array's objects is found where it stands; the same key in sibling objects is no repeat")
    func duplicatesFoundWhereTheyStand() {
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a":{"b":1,"c":[{"d":1},{"d":2,"d":3}]}}"#.utf8)) == "a.c[1].d")
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a":{"x":1},"b":{"x":1},"c":["x","x"]}"#.utf8)) == nil)
        #expect(JSONDuplicateKeys.first(in: Array(#"{"k\"":1,"k\u0022":2}"#.utf8)) == "k\"", "escapes are read before comparing")
        #expect(JSONDuplicateKeys.first(in: Array(#"{"😀":1,"\ud83d\ude00":2}"#.utf8)) == "😀", "a surrogate pair is the character it stands for")
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a":"{\"a\":1,\"a\":2}"}"#.utf8)) == nil, "braces inside a string are text")
    }

    @Test("each bad body gets its code and a detail naming the field, the first in sorted order", arguments: [
        ("{", "invalid_json", "not valid JSON"),
        ("", "invalid_json", "not valid JSON"),
        (#"{"holidays":[]"#, "invalid_json", "not valid JSON"),
        ("[1,2]", "invalid_json", "must be a JSON object"),
        (#""holidays""#, "invalid_json", "must be a JSON object"),
        ("null", "invalid_json", "must be a JSON object"),
        (#"{\#(empty),"colour":1}"#, "unknown_field", "'colour' is not accepted here: send only holidays, note, shortened, workdays"),
        (#"{"zeta":1,\#(empty),"alpha":null}"#, "unknown_field", "'alpha'"),
        (#"{"holidays":["2028-01-01","a\u0000b"],"workdays":[],"shortened":[]}"#, "invalid_field", "'holidays[1]' contains the control character U+0000"),
        (#"{"holidays":[null],"workdays":[],"shortened":[]}"#, "invalid_field", "'holidays[0]' is null: leave it out"),
        (#"{\#(empty),"note":null}"#, "invalid_field", "'note' is null: leave it out"),
        (#"{\#(empty),"note":"a\u001bb"}"#, "invalid_field", "'note' contains the control character U+001B"),
        (#"{"holidays":[[{"deep":"\u0007"}]],"workdays":[],"shortened":[]}"#, "invalid_field", "'holidays[0][0].deep' contains the control character U+0007"),
        (#"{"workdays":["\u0001"],"holidays":[null],"shortened":[]}"#, "invalid_field", "'holidays[0]' is null"),
        (#"{"holidays":[],"workdays":[]}"#, "invalid_field", "'shortened' is missing: add it"),
        (#"{"holidays":"2028-01-01","workdays":[],"shortened":[]}"#, "invalid_field", "'holidays' has the wrong type"),
        (#"{"holidays":[1],"workdays":[],"shortened":[]}"#, "invalid_field", "'holidays[0]' has the wrong type: send a string"),
        (#"{"note":"a",\#(empty),"note":"b"}"#, "duplicate_field", "'note' is given twice"),
        (#"{"note":"a",\#(empty),"no\u0074e":"b"}"#, "duplicate_field", "'note' is given twice"),
        (#"{"holidays":[],"workdays":[],"shortened":[],"holidays":[]}"#, "duplicate_field", "'holidays' is given twice"),
    ] as [(String, String, String)])
    func refused(body: String, code: String, detail: String) {
        let problem = refusal(body)
        #expect(problem?.code == code, "\(String(describing: problem))")
        #expect(problem?.detail.contains(detail) == true, "\(String(describing: problem?.detail))")
    }

    @Test("bytes that are not UTF-8 are not JSON")
    func notUTF8() {
        var body = ByteBuffer(string: #"{"holidays":[""#)
        body.writeBytes([0xC3, 0x28, 0xFF])
        body.writeString(#""],"workdays":[],"shortened":[]}"#)
        #expect(refusal(body)?.code == "invalid_json")
    }

    @Test("what passes is read as sent: escapes, line breaks and tabs (each field checks those itself), numbers and booleans nested anywhere")
    func passes() throws {
        let body = #"{"holidays":["2028-01-01","a\nb\t\"c\" \u00e9"],"workdays":[],"shortened":["\ud83d\ude00"],"note":"ok"}"#
        let input = try RequestJSON.decode(CalendarYearInput.self, from: ByteBuffer(string: body))
        let second = "a\nb\t\"c\" é", emoji = "😀"
        #expect(input.holidays == ["2028-01-01", second])
        #expect(input.shortened == [emoji])
        #expect(input.note == "ok")
        let ticket = try RequestJSON.decode(
            TicketInputs.NewTicket.self,
            from: ByteBuffer(string: #"{"subject":"s","description":"d","productVersion":"5.2","problemClass":"standard","customerId":7}"#))
        #expect(ticket.customerId == 7)
    }
}
