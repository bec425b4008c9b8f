import AssistDesk
@testable import AssistServer
import Foundation
import NIOCore
import Testing

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
