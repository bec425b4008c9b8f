import AssistCore
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
        router.get("/healthz") { _, context in
            Health(
                status: "ok", version: ProductVersion.current, tls: context.tls?.protocolVersion ?? "none",
                mail: mailDelivered ? "delivering" : "not-configured")
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
