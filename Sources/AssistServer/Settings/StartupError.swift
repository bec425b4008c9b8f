import OpenSSLTLS

/// Why the server could not start, as one sentence naming the setting and what to do.
public enum StartupError: Error, Sendable, CustomStringConvertible {
    /// A setting, by the three names people may have used for it.
    public enum Setting: Sendable {
        case port, mtls, database, tlsCert, tlsKey, tlsClientCA, credentialsKey
        case named(String)

        /// The variable swift-configuration reads for a key: `http.maxBodyBytes` → `ASSIST_HTTP_MAX_BODY_BYTES`.
        static func environmentName(of key: String) -> String {
            var name = "ASSIST_"
            var previous: Character = "_"
            for character in key {
                if character == "." {
                    name.append("_")
                } else {
                    if character.isUppercase, previous.isLowercase { name.append("_") }
                    name.append(contentsOf: character.uppercased())
                }
                previous = character
            }
            return name
        }

        var names: String {
            switch self {
            case .port: "--port / ASSIST_PORT / port"
            case .mtls: "--mtls / ASSIST_MTLS / mtls"
            case .database: "--database / ASSIST_DATABASE / database"
            case .tlsCert: "--tls-cert / ASSIST_TLS_CERT / tls.cert"
            case .tlsKey: "--tls-key / ASSIST_TLS_KEY / tls.key"
            case .tlsClientCA: "--tls-client-ca / ASSIST_TLS_CLIENT_CA / tls.clientCA"
            case .credentialsKey: "--credentials-key / ASSIST_CREDENTIALS_KEY_FILE / credentials.keyFile"
            case .named(let key):
                "\(Self.environmentName(of: key)) / \(key)"
            }
        }
    }

    case configFileUnreadable(path: String, reason: String)
    case invalidValue(setting: Setting, value: String, expected: String)
    case clientCAMissing(mode: ClientAuthentication)
    case tls(OpenSSLError, settings: ServerSettings)
    case databaseUnavailable(path: String, reason: String)
    case credentialsKey(path: String, problem: String)
    case addressInUse(host: String, port: Int)
    case cannotBind(host: String, port: Int, reason: String)
    case webConsole(String)

    public var description: String {
        switch self {
        case .configFileUnreadable(let path, let reason):
            return "The configuration file \(path) could not be read (--config / ASSIST_CONFIG): \(reason). "
                + "Give the path of a readable JSON file, or leave the setting out."
        case .invalidValue(let setting, let value, let expected):
            return "The value '\(value)' is not valid for \(setting.names): use \(expected)."
        case .clientCAMissing(let mode):
            return "Client certificates are \(mode.rawValue) (--mtls) but no CA file verifies them: "
                + "set \(Setting.tlsClientCA.names) to the PEM file of the CA that issues client certificates."
        case .tls(let error, let settings):
            return Self.describe(error, settings: settings)
        case .databaseUnavailable(let path, let reason):
            if path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") {
                return "The database \(path) cannot be opened (\(Setting.database.names)): \(reason). "
                    + "Check the URI, that PostgreSQL is reachable and accepts this user over TLS, and that its certificate verifies."
            }
            return "The database \(path) cannot be opened (\(Setting.database.names)): \(reason). "
                + "Make sure its folder exists and is writable by this user, or choose another path."
        case .credentialsKey(let path, let problem):
            return "The credentials key \(path) \(problem) (\(Setting.credentialsKey.names)): "
                + "create one with 'openssl rand -out \(path) 32 && chmod 600 \(path)' (Scripts/serve does this for development)."
        case .addressInUse(let host, let port):
            return "Port \(port) on \(host) is already in use (\(Setting.port.names)): "
                + "stop the process that holds it or choose another port."
        case .cannotBind(let host, let port, let reason):
            return "Cannot listen on \(host):\(port) (--host / ASSIST_HOST, \(Setting.port.names)): \(reason). "
                + "Use an address of this machine and a port this user may open."
        case .webConsole(let reason):
            return "The web console's templates could not be loaded (\(reason)): reinstall the server with its AssistBroker_AssistServer.resources folder beside the binary."
        }
    }

    private static func describe(_ error: OpenSSLError, settings: ServerSettings) -> String {
        let why = error.detail ?? error.reasons.last ?? "unreadable"
        switch error.code {
        case .certificateChainFile:
            return "The TLS certificate \(settings.tlsCertificatePath) cannot be used (\(Setting.tlsCert.names)): \(why). "
                + "Point it at a PEM file with the server certificate and its chain, or run Scripts/gen-certs for development."
        case .privateKeyFile:
            return "The TLS private key \(settings.tlsKeyPath) cannot be used (\(Setting.tlsKey.names)): \(why). "
                + "Point it at the unencrypted PEM key of the certificate, readable by this user."
        case .keyDoesNotMatchCertificate:
            return "The TLS private key \(settings.tlsKeyPath) does not belong to the certificate "
                + "\(settings.tlsCertificatePath) (\(Setting.tlsKey.names)): use the key the certificate was issued for."
        case .trustRootsFile:
            return "The client CA file \(settings.tlsClientCAPath ?? "(none)") cannot be used "
                + "(\(Setting.tlsClientCA.names)): \(why). Point it at a PEM file of CA certificates."
        default:
            return "TLS could not be set up: \(error). Check the TLS settings (\(Setting.tlsCert.names))."
        }
    }
}
