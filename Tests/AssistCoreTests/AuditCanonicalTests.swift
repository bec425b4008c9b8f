import AssistCore
import Foundation
import Testing

/// The bytes an audit entry's hash is taken over are part of every stored chain: a change to them
/// would make `assistd audit verify` call every existing log tampered with.
@Suite("The audit log's hashed text")
struct AuditCanonicalTests {
    @Test("the canonical text is every field as length:value, joined by '|', the actor '-' when none, lengths in UTF-8 bytes")
    func pinned() {
        let at = Date(timeIntervalSince1970: 1_795_555_815.2504)
        let withActor = AuditEntry.canonical(
            id: 42, at: at, actorUserId: 7, action: "metered.start", subject: "metered:9", detail: "Обращение | x:y",
            previousHash: AuditEntry.genesisHash)
        #expect(withActor == "2:42|13:1795555815250|1:7|13:metered.start|9:metered:9|24:Обращение | x:y|64:" + AuditEntry.genesisHash)
        let system = AuditEntry.canonical(id: 1, at: Date(timeIntervalSince1970: -1.5), actorUserId: nil, action: "", subject: "s", detail: "", previousHash: "ab")
        #expect(system == "1:1|5:-1500|1:-|0:|1:s|0:|2:ab")
    }
}
