import KlaxonYAML

/// `tls_server_config`, validated; files resolved against the web config's directory.
public struct TLSServerSettings: Sendable, Equatable {
    /// exporter-toolkit's `client_auth_type` values (Go's `tls.ClientAuthType`).
    public enum ClientAuth: String, Sendable, Equatable, CaseIterable {
        case noClientCert = "NoClientCert"
        case requestClientCert = "RequestClientCert"
        case requireAnyClientCert = "RequireAnyClientCert"
        case verifyClientCertIfGiven = "VerifyClientCertIfGiven"
        case requireAndVerifyClientCert = "RequireAndVerifyClientCert"
    }

    /// `TLS10` … `TLS13`.
    public enum Version: String, Sendable, Equatable, Comparable, CaseIterable {
        case tls10 = "TLS10"
        case tls11 = "TLS11"
        case tls12 = "TLS12"
        case tls13 = "TLS13"

        var rank: Int {
            switch self {
            case .tls10: 0
            case .tls11: 1
            case .tls12: 2
            case .tls13: 3
            }
        }

        public static func < (lhs: Version, rhs: Version) -> Bool { lhs.rank < rhs.rank }
    }

    public var certFile: String
    public var keyFile: String
    public var clientAuth: ClientAuth
    /// Empty when not set.
    public var clientCAFile: String
    /// exporter-toolkit's default is TLS 1.2.
    public var minVersion: Version
    public var maxVersion: Version?
    /// The PEM bytes, read at load time so that a missing or unreadable file fails the load.
    public var certificatePEM: [UInt8]
    public var keyPEM: [UInt8]
    public var clientCAPEM: [UInt8]
}

/// `tls_server_config` as written.
struct RawTLSConfig {
    var certFile = ""
    var keyFile = ""
    var clientAuth = ""
    var clientCAFile = ""
    var minVersion: TLSServerSettings.Version?
    var maxVersion: TLSServerSettings.Version?

    /// Go's names of the cipher suites (`tls.CipherSuites()` and the insecure ones); accepted and checked, not
    /// applied: BoringSSL's defaults are used (TLS 1.3 suites are not configurable in Go either).
    static let cipherNames: Set<String> = [
        "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
        "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
    ]
    static let curveNames: Set<String> = ["CurveP256", "CurveP384", "CurveP521", "X25519"]

    mutating func read(_ node: YAMLNode, _ reader: inout NodeReader) {
        var raw = RawTLSConfig()
        reader.forEachField(
            of: node,
            goType: "web.TLSConfig",
            known: [
                "cert_file", "key_file", "client_auth_type", "client_ca_file", "cipher_suites", "curve_preferences",
                "min_version", "max_version", "prefer_server_cipher_suites",
            ]
        ) { reader, name, value in
            switch name {
            case "cert_file": raw.certFile = reader.string(value) ?? ""
            case "key_file": raw.keyFile = reader.string(value) ?? ""
            case "client_auth_type": raw.clientAuth = reader.string(value) ?? ""
            case "client_ca_file": raw.clientCAFile = reader.string(value) ?? ""
            case "min_version": raw.minVersion = Self.version(value, &reader)
            case "max_version": raw.maxVersion = Self.version(value, &reader)
            case "cipher_suites":
                Self.names(value, allowed: Self.cipherNames, unknown: "unknown cipher: ", &reader)
            case "curve_preferences":
                Self.names(value, allowed: Self.curveNames, unknown: "unknown curve: ", &reader)
            default: _ = readBool(value, &reader)
            }
        }
        self = raw
    }

    /// A TLS version scalar; an unknown one aborts decoding (a custom unmarshaler's error in Go).
    static func version(_ node: YAMLNode, _ reader: inout NodeReader) -> TLSServerSettings.Version? {
        guard let text = reader.string(node) else { return nil }
        guard let version = TLSServerSettings.Version(rawValue: text) else {
            reader.fail("unknown TLS version: \(text)")
            return nil
        }
        return version
    }

    static func names(_ node: YAMLNode, allowed: Set<String>, unknown: String, _ reader: inout NodeReader) {
        guard let items = reader.sequence(node, goType: "[]string") else { return }
        for item in items {
            guard let name = reader.string(item) else { continue }
            if !allowed.contains(name) {
                reader.fail(unknown + name)
                return
            }
        }
    }

    /// exporter-toolkit's `getTLSConfig` checks, in its order; nil when TLS is off (none of cert, key, client auth
    /// type and client CA set: any one of them turns TLS on, so a lone `client_auth_type` is "missing cert_file").
    func settings(directory: String) throws(WebConfigError) -> TLSServerSettings? {
        if certFile.isEmpty && keyFile.isEmpty && clientAuth.isEmpty && clientCAFile.isEmpty { return nil }
        if certFile.isEmpty { throw WebConfigError("missing cert_file") }
        if keyFile.isEmpty { throw WebConfigError("missing key_file") }
        let certPath = resolvePath(certFile, in: directory)
        let keyPath = resolvePath(keyFile, in: directory)
        let certificate: [UInt8]
        let key: [UInt8]
        do {
            certificate = try readFileBytes(certPath)
            key = try readFileBytes(keyPath)
        } catch {
            throw WebConfigError("failed to load X509KeyPair: \(error.message)")
        }
        guard PEM.contains(certificate, block: "CERTIFICATE") else {
            throw WebConfigError("failed to load X509KeyPair: tls: failed to find any PEM data in certificate input")
        }
        guard PEM.containsPrivateKey(key) else {
            if PEM.contains(key, block: "CERTIFICATE") {
                throw WebConfigError(
                    "failed to load X509KeyPair: tls: found a certificate rather than a key in the PEM for the private key"
                )
            }
            throw WebConfigError("failed to load X509KeyPair: tls: failed to find any PEM data in key input")
        }
        if let problem = TLSServerSettings.keyPairProblem(certificatePEM: certificate, keyPEM: key) {
            throw WebConfigError("failed to load X509KeyPair: \(problem)")
        }
        var caPEM: [UInt8] = []
        let caPath = resolvePath(clientCAFile, in: directory)
        if !clientCAFile.isEmpty {
            caPEM = try readFileBytes(caPath)
        }
        let auth: TLSServerSettings.ClientAuth
        if clientAuth.isEmpty {
            auth = .noClientCert
        } else if let parsed = TLSServerSettings.ClientAuth(rawValue: clientAuth) {
            auth = parsed
        } else if clientAuth == "RequireClientCert" {
            // exporter-toolkit keeps this older name for RequireAnyClientCert.
            auth = .requireAnyClientCert
        } else {
            throw WebConfigError("Invalid ClientAuth: \(clientAuth)")
        }
        if !clientCAFile.isEmpty && auth == .noClientCert {
            throw WebConfigError("Client CA's have been configured without a Client Auth Policy")
        }
        if (auth == .verifyClientCertIfGiven || auth == .requireAndVerifyClientCert) && clientCAFile.isEmpty {
            // Go would accept the file and then reject every client certificate (no roots); say so up front.
            throw WebConfigError("client_auth_type \(auth.rawValue) needs client_ca_file")
        }
        return TLSServerSettings(
            certFile: certPath,
            keyFile: keyPath,
            clientAuth: auth,
            clientCAFile: clientCAFile.isEmpty ? "" : caPath,
            minVersion: minVersion ?? .tls12,
            maxVersion: maxVersion,
            certificatePEM: certificate,
            keyPEM: key,
            clientCAPEM: caPEM
        )
    }
}

/// Just enough PEM inspection for exporter-toolkit's load errors (the TLS library parses the blocks).
enum PEM {
    static func contains(_ bytes: [UInt8], block: String) -> Bool {
        find(bytes, "-----BEGIN " + block + "-----")
    }

    static func containsPrivateKey(_ bytes: [UInt8]) -> Bool {
        contains(bytes, block: "PRIVATE KEY") || contains(bytes, block: "RSA PRIVATE KEY")
            || contains(bytes, block: "EC PRIVATE KEY")
    }

    private static func find(_ haystack: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard haystack.count >= pattern.count else { return false }
        for start in 0...(haystack.count - pattern.count) where haystack[start] == pattern[0] {
            if haystack[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }
}
