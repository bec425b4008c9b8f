import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import OpenSSLTLS

/// One accepted connection: its HTTP parts stream and its TLS handshake result.
struct TLSHTTPConnection: ServerChildChannelValue {
    let http: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>
    let tls: NegotiatedTLS

    var channel: any Channel { http.channel }
}
