import AssistCore
import Testing

@Suite("TIDs")
struct TicketIDTests {
    @Test("R-4.4 a TID is found in a reply's subject", arguments: [
        ("Re: [TID-2026-000042] Обращение принято", "TID-2026-000042"), ("TID-2027-000001", "TID-2027-000001"),
        ("Fwd: RE: TID-2026-123456 и ещё TID-2026-000001", "TID-2026-123456"),
        ("TID-2026-0000421", nil), ("TID-26-000042", nil), ("Нет номера", nil), ("", nil),
    ] as [(String, String?)])
    func find(subject: String, tid: String?) {
        #expect(TicketID.find(in: subject) == tid)
    }

    @Test("the format is TID-year-six digits")
    func format() {
        #expect(TicketID.format(year: 2026, number: 42) == "TID-2026-000042")
        #expect(TicketID.isValid("TID-2026-000042"))
        #expect(!TicketID.isValid("TID-2026-00004２"))
    }

    @Test("R-4.4 anything but TID-four digits-six digits is no TID", arguments: [
        "", "TID-2026-00004", "TID-2026-0000421", "TID-202-0000421", "tid-2026-000042", "TIX-2026-000042", "TID_2026_000042",
        "TID-2026-00004a", "TID-20a6-000042", "TID-2026-000042 ", " TID-2026-000042", "TID-2026-000042\u{301}",
        "TID-2026-00004\u{0}", "TID-٢٠٢٦-000042", "TID--2026-00042",
    ])
    func notATicketID(text: String) {
        #expect(!TicketID.isValid(text))
    }
}
