import AssistCore
import Foundation
import Testing

@testable import AssistMail

/// by mail: what the receiving server wrote of a sender (RFC 8601), read only from the
/// servers we trust — a sender can write any `Authentication-Results` it likes into its letter.
@Suite("Authentication-Results (RFC 8601)")
struct AuthenticationResultsTests {
    @Test("results are read with their properties, comments and quoting as RFC 8601 writes them")
    func readsResults() throws {
        let value = """
            mx.istom.ru (Postfix 3.7); dkim=pass (2048-bit key; unprotected) header.d=romashka.test header.i=@romashka.test header.s=mail;
             spf = pass (sender SPF authorized) smtp.mailfrom="bounce@romashka.test";
             dmarc=pass (p=reject dis=none) header.from=Romashka.test; arc=none
            """
        let results = try #require(AuthenticationResultsHeader.results(in: value, trusted: ["mx.istom.ru"]))
        #expect(results == [
            AuthenticationResult(method: "dkim", result: "pass", properties: ["header.d": "romashka.test", "header.i": "@romashka.test", "header.s": "mail"]),
            AuthenticationResult(method: "spf", result: "pass", properties: ["smtp.mailfrom": "bounce@romashka.test"]),
            AuthenticationResult(method: "dmarc", result: "pass", properties: ["header.from": "Romashka.test"]),
            AuthenticationResult(method: "arc", result: "none"),
        ])
        #expect(SenderTrust.judge(results, sender: "boss@romashka.test").verified)
    }

    @Test("a header from a server we do not trust is not read; a letter's own forged header before ours changes nothing; none at all is nil")
    func onlyTrustedServers() {
        #expect(AuthenticationResultsHeader.results(in: "evil.test; dmarc=pass header.from=romashka.test", trusted: ["mx.istom.ru"]) == nil)
        #expect(AuthenticationResultsHeader.results(in: "\"mx.istom.ru\" 1; none", trusted: ["mx.istom.ru"]) == [])
        let letter = Array("""
            Authentication-Results: mx.istom.ru; spf=fail smtp.mailfrom=evil.test; dmarc=fail header.from=romashka.test\r
            Authentication-Results: evil.test; dmarc=pass header.from=romashka.test\r
            From: boss@romashka.test\r
            Subject: x\r
            \r
            body\r

            """.utf8)
        let mail = MailParser.parse(letter)
        let results = mail.authenticationResults(trusting: ["mx.istom.ru"])
        #expect(results?.map(\.result) == ["fail", "fail"])
        #expect(!SenderTrust.judge(results, sender: "boss@romashka.test").verified)
        #expect(mail.authenticationResults(trusting: []) == nil, "no trusted server configured: nothing is read")
        #expect(MailParser.parse(Array("From: a@b.test\r\n\r\nx".utf8)).authenticationResults(trusting: ["mx.istom.ru"]) == nil)
    }

    @Test("a hostile header — unclosed comments and quotes, 200 000 segments — is read in linear time and never turns into a pass")
    func hostileHeaders() {
        #expect(AuthenticationResultsHeader.results(in: "mx.istom.ru; dmarc=pass (header.from=romashka.test", trusted: ["mx.istom.ru"])
            .map { SenderTrust.judge($0, sender: "boss@romashka.test").verified } == true,
            "an unclosed comment hides what follows it; DMARC's pass stands for the From domain as the server judged it")
        #expect(AuthenticationResultsHeader.results(in: "mx.istom.ru; dmarc=\"pass; header.from=romashka.test", trusted: ["mx.istom.ru"])?
            .contains { $0.result == "pass" } == false)
        let many = "mx.istom.ru" + String(repeating: "; spf=fail smtp.mailfrom=a.test", count: 200_000)
        let clock = ContinuousClock()
        let start = clock.now
        let results = AuthenticationResultsHeader.results(in: many, trusted: ["mx.istom.ru"])
        #expect(results?.count == 200_000)
        #expect(clock.now - start < .seconds(30), "linear: far below what the square of 6 MB would take")
    }
}
