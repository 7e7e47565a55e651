internal import Hummingbird
internal import HummingbirdCore
internal import HummingbirdTLS
internal import NIOCore
internal import NIOSSL

extension TLSServerSettings {
    /// The TLS setup of Hummingbird's server channel: certificate chain and key, versions, client certificates.
    ///
    /// Client auth maps onto BoringSSL's modes: `RequireAndVerifyClientCert` → a certificate is required and
    /// verified against `client_ca_file`; `VerifyClientCertIfGiven` → verified when presented;
    /// `RequireAnyClientCert` → required, any certificate accepted; `NoClientCert` and `RequestClientCert` → none
    /// asked for (BoringSSL cannot request a certificate without verifying it; requesting one is only useful to
    /// handlers that read it, and Klaxon has none).
    func channelConfiguration() throws(WebConfigError) -> TLSChannelConfiguration {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(certificatePEM)
            key = try NIOSSLPrivateKey(bytes: keyPEM, format: .pem)
        } catch {
            throw WebConfigError("failed to load X509KeyPair: \(error)")
        }
        guard !chain.isEmpty else {
            throw WebConfigError("failed to load X509KeyPair: tls: failed to find any PEM data in certificate input")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = minVersion.nio
        configuration.maximumTLSVersion = maxVersion?.nio
        var roots: [NIOSSLCertificate] = []
        if !clientCAPEM.isEmpty {
            do {
                roots = try NIOSSLCertificate.fromPEMBytes(clientCAPEM)
            } catch {
                throw WebConfigError("couldn't parse client_ca_file \(clientCAFile): \(error)")
            }
        }
        switch clientAuth {
        case .noClientCert, .requestClientCert:
            configuration.certificateVerification = .none
        case .requireAnyClientCert:
            configuration.certificateVerification = .noHostnameVerification
            // Any certificate will do: BoringSSL still requires one, the callback accepts it unverified.
            return TLSChannelConfiguration(tlsConfiguration: configuration) { _, promise in
                promise.succeed(.certificateVerified)
            }
        case .verifyClientCertIfGiven:
            configuration.certificateVerification = .optionalVerification
            configuration.trustRoots = .certificates(roots)
        case .requireAndVerifyClientCert:
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(roots)
        }
        return TLSChannelConfiguration(tlsConfiguration: configuration)
    }
}

extension TLSServerSettings {
    /// Go's `tls.X509KeyPair` refuses a key that does not belong to the certificate; BoringSSL does the same check
    /// when a context is made with both. nil when they parse and match (or when they do not parse: the PEM checks
    /// and `channelConfiguration` report that).
    static func keyPairProblem(certificatePEM: [UInt8], keyPEM: [UInt8]) -> String? {
        guard let chain = try? NIOSSLCertificate.fromPEMBytes(certificatePEM), !chain.isEmpty,
            let key = try? NIOSSLPrivateKey(bytes: keyPEM, format: .pem)
        else { return nil }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch NIOSSLError.failedToLoadPrivateKey {
            return "tls: private key does not match public key"
        } catch {
            return nil
        }
        return nil
    }
}

extension TLSServerSettings.Version {
    var nio: TLSVersion {
        switch self {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }
}

extension WebConfig {
    /// The server's child channel: HTTP/1.1, over TLS when `tls_server_config` is set (where a plain HTTP request
    /// gets Go's 400 answer, see `PlainHTTPOnTLSPort`).
    func serverBuilder() throws -> HTTPServerBuilder {
        guard let tls else { return .http1() }
        let configuration = try tls.channelConfiguration()
        return HTTPServerBuilder { responder in
            PlainHTTPOnTLSPort(base: try TLSChannel(HTTP1Channel(responder: responder), configuration: configuration))
        }
    }
}
