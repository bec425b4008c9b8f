import AssistCore
import Foundation
import Hummingbird

/// `GET /healthz` (no authentication) and `GET /v1/connection`.
struct HealthRoutes {
    struct Health: ResponseCodable {
        let status: String
        let version: String
        /// The TLS protocol this request arrived over, e.g. `TLSv1.3`.
        let tls: String
        /// `delivering` (to the relay) or `not-configured` (notifications stay in the outbox).
        let mail: String
    }

    /// Whether the outbox is delivered by e-mail.
    let mailDelivered: Bool

    struct ConnectionDescription: ResponseCodable {
        let tlsProtocol: String
        let cipherSuite: String
        let applicationProtocol: String?
        /// The subject of the client certificate, only when it verified against the client CA.
        let clientCertificateSubject: String?
    }

    func register(on router: Router<AssistRequestContext>) {
        // The answer depends only on the connection's TLS version: encoded once per version,
        // not per request (the load balancer's probe is the hottest path there is).
        let mail = mailDelivered ? "delivering" : "not-configured"
        @Sendable func encoded(_ tls: String) -> ByteBuffer {
            let health = Health(status: "ok", version: ProductVersion.current, tls: tls, mail: mail)
            return ByteBuffer(data: (try? JSONEncoder.api.encode(health)) ?? Data())
        }
        let answers = Dictionary(uniqueKeysWithValues: ["TLSv1.3", "TLSv1.2", "none"].map { ($0, encoded($0)) })
        router.get("/healthz") { _, context in
            let tls = context.tls?.protocolVersion ?? "none"
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: answers[tls] ?? encoded(tls)))
        }
        router.get("/v1/connection") { _, context in
            ConnectionDescription(
                tlsProtocol: context.tls?.protocolVersion ?? "none",
                cipherSuite: context.tls?.cipherSuite ?? "",
                applicationProtocol: context.tls?.applicationProtocol,
                clientCertificateSubject: context.tls?.verifiedPeerSubject
            )
        }
    }
}
