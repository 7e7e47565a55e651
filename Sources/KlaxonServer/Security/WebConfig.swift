import KlaxonModel
import KlaxonYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--web.config.file`: Prometheus's web configuration (exporter-toolkit's `web.Config`, as in Prometheus 2.42):
/// TLS for the server, basic-auth users with bcrypt hashes and extra response headers.
///
/// Loading validates what exporter-toolkit validates, with its messages (strict YAML, bcrypt hash shape, the
/// allowed headers and their values, TLS versions and ciphers, certificate and CA files), so a file `promtool
/// check web-config` accepts loads here and one it rejects fails with the same text. Certificate paths are
/// relative to the web config file's directory.
public struct WebConfig: Sendable {
    /// `tls_server_config`; nil when neither `cert_file` nor `key_file` is set (plain HTTP).
    public var tls: TLSServerSettings?
    /// `basic_auth_users`: user name → bcrypt hash. Empty: no authentication.
    public var users: [String: String]
    /// `http_server_config.headers`, in file order; sent with every response.
    public var headers: [(name: String, value: String)]

    public init(tls: TLSServerSettings? = nil, users: [String: String] = [:], headers: [(String, String)] = []) {
        self.tls = tls
        self.users = users
        self.headers = headers.map { (name: $0.0, value: $0.1) }
    }

    /// Reads and validates the file at `path`.
    public static func load(path: String) throws(WebConfigError) -> WebConfig {
        let text = try readWebConfigFile(path)
        return try parse(text, directory: directoryName(path))
    }

    /// Parses and validates `text`; relative certificate paths resolve against `directory`.
    public static func parse(_ text: String, directory: String) throws(WebConfigError) -> WebConfig {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text, goYAMLv2: true)
        } catch {
            throw WebConfigError(error.message)
        }
        var raw = RawWebConfig()
        if let root {
            var reader = NodeReader(goYAMLv2: true)
            raw.read(root, &reader)
            if let message = reader.errorMessage { throw WebConfigError(message) }
        }
        try validateUsers(raw.users)
        try validateHeaders(raw.headers)
        let tls = try raw.tls?.settings(directory: directory)
        // The TLS library must accept the certificate, key and CA now, not on the first connection.
        _ = try tls?.channelConfiguration()
        return WebConfig(
            tls: tls,
            users: Dictionary(raw.users, uniquingKeysWith: { _, last in last }),
            headers: raw.headers
        )
    }

    /// exporter-toolkit runs `bcrypt.Cost` on every hash, which checks its shape (not the password).
    static func validateUsers(_ users: [(String, String)]) throws(WebConfigError) {
        for (_, hash) in users {
            if let problem = BcryptShape.problem(hash) { throw WebConfigError(problem) }
        }
    }

    /// The headers exporter-toolkit lets users set (exact spelling), with the values it accepts for some.
    static let allowedHeaders: [String: [String]?] = [
        "Strict-Transport-Security": nil,
        "X-Content-Type-Options": ["nosniff"],
        "X-Frame-Options": ["deny", "sameorigin"],
        "X-XSS-Protection": nil,
        "Content-Security-Policy": nil,
    ]

    static func validateHeaders(_ headers: [(String, String)]) throws(WebConfigError) {
        for (name, value) in headers {
            guard let allowed = allowedHeaders[name] else {
                throw WebConfigError("HTTP header \(goQuoted(name)) can not be configured")
            }
            // Exact match, as exporter-toolkit compares: `DENY` and `NoSniff` are rejected.
            if let allowed, !allowed.contains(value) {
                let list = allowed.map(goQuoted).joined(separator: " ")
                throw WebConfigError(
                    "invalid value for \(name). Expected one of: [\(list)], but got: \(goQuoted(value))"
                )
            }
        }
    }
}

/// Why a web configuration did not load: exporter-toolkit's message (the caller names the file).
public struct WebConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The fields as written, before validation.
struct RawWebConfig {
    var tls: RawTLSConfig?
    var users: [(String, String)] = []
    var headers: [(String, String)] = []

    mutating func read(_ node: YAMLNode, _ reader: inout NodeReader) {
        var tls: RawTLSConfig?
        var users: [(String, String)] = []
        var headers: [(String, String)] = []
        reader.forEachField(
            of: node,
            goType: "web.Config",
            known: ["tls_server_config", "http_server_config", "basic_auth_users"]
        ) { reader, name, value in
            switch name {
            case "tls_server_config":
                var raw = RawTLSConfig()
                raw.read(value, &reader)
                tls = raw
            case "http_server_config":
                reader.forEachField(of: value, goType: "web.HTTPConfig", known: ["http2", "headers"]) {
                    reader,
                    name,
                    value in
                    if name == "headers" {
                        headers = reader.stringMap(value) ?? []
                    } else {
                        _ = readBool(value, &reader)
                    }
                }
            default:
                if case .mapping = value.kind {
                    users = reader.stringMap(value) ?? []
                } else if !value.isNull {
                    reader.typeError(value, into: "map[string]config.Secret")
                }
            }
        }
        self.tls = tls
        self.users = users
        self.headers = headers
    }
}

/// Go `bool` (yaml.v2: `true`/`false`/`yes`/`no`/`on`/`off`); null is false.
func readBool(_ node: YAMLNode, _ reader: inout NodeReader) -> Bool? {
    guard case .scalar(let text, let tag) = node.kind else {
        reader.typeError(node, into: "bool")
        return nil
    }
    if tag == "!!null" { return false }
    switch text.lowercased() {
    case "true", "yes", "on", "y": return true
    case "false", "no", "off", "n": return false
    default:
        reader.typeError(node, into: "bool")
        return nil
    }
}

/// Checks a bcrypt hash's shape as Go's `bcrypt.Cost` does; returns its error text, or nil when well-formed.
enum BcryptShape {
    static func problem(_ hash: String) -> String? {
        let bytes = Array(hash.utf8)
        guard bytes.count >= 59 else { return "crypto/bcrypt: hashedSecret too short to be a bcrypted password" }
        guard bytes[0] == UInt8(ascii: "$") else {
            return
                "crypto/bcrypt: bcrypt hashes must start with '$', but hashedSecret started with '\(Character(Unicode.Scalar(bytes[0])))'"
        }
        guard bytes[1] <= UInt8(ascii: "2") else {
            return
                "crypto/bcrypt: bcrypt algorithm version '\(Character(Unicode.Scalar(bytes[1])))' requested is newer than current version '2'"
        }
        // `$2a$10$...`: the minor version letter is optional in Go's parser.
        var index = bytes[2] == UInt8(ascii: "$") ? 3 : 4
        guard index + 2 < bytes.count, let cost = Int(String(decoding: bytes[index..<(index + 2)], as: UTF8.self))
        else {
            return "crypto/bcrypt: hashedSecret too short to be a bcrypted password"
        }
        index += 2
        guard (4...31).contains(cost) else { return "crypto/bcrypt: cost \(cost) is outside allowed range (4,31)" }
        return nil
    }
}

// MARK: Files

func readWebConfigFile(_ path: String) throws(WebConfigError) -> String {
    String(decoding: try readFileBytes(path), as: UTF8.self)
}

/// A whole file, or Go's `open PATH: reason` error.
func readFileBytes(_ path: String) throws(WebConfigError) -> [UInt8] {
    switch readFile(path) {
    case .success(let bytes): return bytes
    case .failure(let error): throw WebConfigError(error.description)
    }
}

func resolvePath(_ path: String, in directory: String) -> String {
    if path.isEmpty || path.hasPrefix("/") { return path }
    return directory == "." ? path : directory + "/" + path
}
