import KlaxonModel

/// Go 1.19's `net/url.URL`: `Parse`, `String` and `Redacted`, byte for byte, with `Parse`'s error wording
/// (`parse "http://a b": invalid character " " in host name`).
///
/// Prometheus' `config.URL` fields (`remote_write.url`, `proxy_url`) are parsed with it when the config is read, and
/// shown (and hashed into remote queue names) through `String`/`Redacted`, so Klaxon keeps the same normal form.
package struct GoURL: Sendable, Equatable {
    package var scheme = ""
    package var opaque = ""
    /// `nil` when the URL has no `userinfo@`.
    package var user: (name: String, password: String?)?
    package var host = ""
    package var path = ""
    package var rawPath = ""
    package var forceQuery = false
    package var rawQuery = ""
    package var fragment = ""
    package var rawFragment = ""

    package static func == (lhs: GoURL, rhs: GoURL) -> Bool { lhs.string == rhs.string }

    /// `url.Parse`; the error is Go's `*url.Error` text.
    package static func parse(_ raw: String) -> Result<GoURL, ConfigError> {
        let bytes = Array(raw.utf8)
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        let main = hash.map { Array(bytes[..<$0]) } ?? bytes
        var url: GoURL
        switch parseMain(main) {
        case .success(let parsed): url = parsed
        case .failure(let problem): return .failure(error(main, problem))
        }
        guard let hash else { return .success(url) }
        let fragment = Array(bytes[(hash + 1)...])
        if fragment.isEmpty { return .success(url) }
        switch unescape(fragment, .fragment) {
        case .success(let text):
            let written = String(decoding: fragment, as: UTF8.self)
            url.fragment = text
            url.rawFragment = escape(text, .fragment) == written ? "" : written
        case .failure(let problem): return .failure(error(bytes, problem))
        }
        return .success(url)
    }

    private static func error(_ url: [UInt8], _ problem: URLProblem) -> ConfigError {
        ConfigError("parse " + goQuote(url) + ": " + problem.text)
    }

    /// The `Err` of Go's `*url.Error`.
    struct URLProblem: Error, ExpressibleByStringLiteral {
        var text: String
        init(_ text: String) { self.text = text }
        init(stringLiteral text: String) { self.text = text }
    }

    private static func parseMain(_ raw: [UInt8]) -> Result<GoURL, URLProblem> {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return .failure("net/url: invalid control character in URL")
        }
        var url = GoURL()
        if raw == [UInt8(ascii: "*")] {
            url.path = "*"
            return .success(url)
        }
        var rest: [UInt8]
        switch scheme(of: raw) {
        case .failure(let problem): return .failure(problem)
        case .success(let (scheme, remainder)):
            url.scheme = String(decoding: scheme, as: UTF8.self).lowercased()
            rest = remainder
        }
        let questionMarks = rest.count(where: { $0 == UInt8(ascii: "?") })
        if rest.last == UInt8(ascii: "?") && questionMarks == 1 {
            url.forceQuery = true
            rest.removeLast()
        } else if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            url.rawQuery = String(decoding: rest[(question + 1)...], as: UTF8.self)
            rest = Array(rest[..<question])
        }
        let slash = UInt8(ascii: "/")
        if rest.first != slash {
            if !url.scheme.isEmpty {
                // Rootless paths are opaque (RFC 3986).
                url.opaque = String(decoding: rest, as: UTF8.self)
                return .success(url)
            }
            let segment = rest.prefix { $0 != slash }
            if segment.contains(UInt8(ascii: ":")) {
                return .failure("first path segment in URL cannot contain colon")
            }
        }
        let hasAuthority = rest.count >= 2 && rest[0] == slash && rest[1] == slash
        let tripleSlash = rest.count >= 3 && hasAuthority && rest[2] == slash
        if (!url.scheme.isEmpty || !tripleSlash) && hasAuthority {
            var authority = Array(rest[2...])
            rest = []
            if let next = authority.firstIndex(of: slash) {
                rest = Array(authority[next...])
                authority = Array(authority[..<next])
            }
            switch parseAuthority(authority) {
            case .success(let (user, host)):
                url.user = user
                url.host = host
            case .failure(let problem): return .failure(problem)
            }
        }
        switch unescape(rest, .path) {
        case .success(let path):
            url.path = path
            let escaped = escape(path, .path)
            url.rawPath = escaped == String(decoding: rest, as: UTF8.self) ? "" : String(decoding: rest, as: UTF8.self)
        case .failure(let problem): return .failure(problem)
        }
        return .success(url)
    }

    /// `getScheme`: `[a-zA-Z][a-zA-Z0-9+-.]*:`, or no scheme.
    private static func scheme(of raw: [UInt8]) -> Result<([UInt8], [UInt8]), URLProblem> {
        for (index, byte) in raw.enumerated() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if index == 0 { return .success(([], raw)) }
            case UInt8(ascii: ":"):
                if index == 0 { return .failure("missing protocol scheme") }
                return .success((Array(raw[..<index]), Array(raw[(index + 1)...])))
            default:
                return .success(([], raw))
            }
        }
        return .success(([], raw))
    }

    private static func parseAuthority(
        _ authority: [UInt8]
    ) -> Result<((name: String, password: String?)?, String), URLProblem> {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        let host: String
        switch parseHost(at.map { Array(authority[($0 + 1)...]) } ?? authority) {
        case .success(let parsed): host = parsed
        case .failure(let problem): return .failure(problem)
        }
        guard let at else { return .success((nil, host)) }
        let userinfo = Array(authority[..<at])
        guard validUserinfo(userinfo) else { return .failure("net/url: invalid userinfo") }
        guard let colon = userinfo.firstIndex(of: UInt8(ascii: ":")) else {
            switch unescape(userinfo, .userPassword) {
            case .success(let name): return .success(((name, nil), host))
            case .failure(let problem): return .failure(problem)
            }
        }
        let name: String
        let password: String
        switch unescape(Array(userinfo[..<colon]), .userPassword) {
        case .success(let text): name = text
        case .failure(let problem): return .failure(problem)
        }
        switch unescape(Array(userinfo[(colon + 1)...]), .userPassword) {
        case .success(let text): password = text
        case .failure(let problem): return .failure(problem)
        }
        return .success(((name, password), host))
    }

    private static func parseHost(_ host: [UInt8]) -> Result<String, URLProblem> {
        if host.first == UInt8(ascii: "[") {
            // An IP-literal (RFC 3986, RFC 6874): "[fe80::1]", "[fe80::1%25en0]", "[fe80::1]:80".
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else { return .failure("missing ']' in host") }
            let colonPort = Array(host[(close + 1)...])
            if !validOptionalPort(colonPort) {
                return .failure(URLProblem("invalid port " + goQuote(colonPort) + " after host"))
            }
            if let zone = firstIndex(of: Array("%25".utf8), in: Array(host[..<close])) {
                var out = ""
                for (part, mode) in [
                    (Array(host[..<zone]), Mode.host), (Array(host[zone..<close]), .zone),
                    (Array(host[close...]), .host),
                ] {
                    switch unescape(part, mode) {
                    case .success(let text): out += text
                    case .failure(let problem): return .failure(problem)
                    }
                }
                return .success(out)
            }
        } else if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            let colonPort = Array(host[colon...])
            if !validOptionalPort(colonPort) {
                return .failure(URLProblem("invalid port " + goQuote(colonPort) + " after host"))
            }
        }
        return unescape(host, .host)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle
        {
            return start
        }
        return nil
    }

    private static func validOptionalPort(_ port: [UInt8]) -> Bool {
        guard let first = port.first else { return true }
        guard first == UInt8(ascii: ":") else { return false }
        return port.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// RFC 3986 userinfo characters (Go checks runes: anything non-ASCII is rejected).
    private static func validUserinfo(_ userinfo: [UInt8]) -> Bool {
        userinfo.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return Array("-._:~!$&'()*+,;=%@".utf8).contains(byte)
            }
        }
    }

    // MARK: escaping

    enum Mode { case path, pathSegment, host, zone, userPassword, queryComponent, fragment }

    /// `shouldEscape`.
    static func shouldEscape(_ byte: UInt8, _ mode: Mode) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return false
        default: break
        }
        if mode == .host || mode == .zone {
            // Sub-delims, `:` and `[ ]` for ports and IPv6, and `< > "`, which Parse rejects if escaped.
            if Array("!$&'()*+,;=:[]<>\"".utf8).contains(byte) { return false }
        }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return byte == UInt8(ascii: "?")
            case .pathSegment:
                return byte == UInt8(ascii: "/") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",")
                    || byte == UInt8(ascii: "?")
            case .userPassword:
                return byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?")
                    || byte == UInt8(ascii: ":")
            case .queryComponent: return true
            case .fragment: return false
            case .host, .zone: break
            }
        default: break
        }
        if mode == .fragment {
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return true
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    static func unhex(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 0
        }
    }

    /// `unescape`: the error is Go's `EscapeError` or `InvalidHostError` text.
    static func unescape(_ s: [UInt8], _ mode: Mode) -> Result<String, URLProblem> {
        var index = 0
        var percents = 0
        var hasPlus = false
        while index < s.count {
            switch s[index] {
            case UInt8(ascii: "%"):
                percents += 1
                if index + 2 >= s.count || !isHex(s[index + 1]) || !isHex(s[index + 2]) {
                    return .failure(URLProblem("invalid URL escape " + goQuote(s[index..<min(index + 3, s.count)])))
                }
                let triple = Array(s[index..<(index + 3)])
                let isPercent25 = triple == Array("%25".utf8)
                // In a host, %-encoding is for non-ASCII bytes only (and %25 in an IPv6 zone).
                if mode == .host && unhex(s[index + 1]) < 8 && !isPercent25 {
                    return .failure(URLProblem("invalid URL escape " + goQuote(triple)))
                }
                if mode == .zone {
                    let value = unhex(s[index + 1]) << 4 | unhex(s[index + 2])
                    if !isPercent25 && value != UInt8(ascii: " ") && shouldEscape(value, .host) {
                        return .failure(URLProblem("invalid URL escape " + goQuote(triple)))
                    }
                }
                index += 3
            case UInt8(ascii: "+"):
                hasPlus = mode == .queryComponent
                index += 1
            default:
                if (mode == .host || mode == .zone) && s[index] < 0x80 && shouldEscape(s[index], mode) {
                    return .failure(URLProblem("invalid character " + goQuote(s[index...index]) + " in host name"))
                }
                index += 1
            }
        }
        if percents == 0 && !hasPlus { return .success(String(decoding: s, as: UTF8.self)) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        index = 0
        while index < s.count {
            switch s[index] {
            case UInt8(ascii: "%"):
                out.append(unhex(s[index + 1]) << 4 | unhex(s[index + 2]))
                index += 2
            case UInt8(ascii: "+"):
                out.append(mode == .queryComponent ? UInt8(ascii: " ") : UInt8(ascii: "+"))
            default:
                out.append(s[index])
            }
            index += 1
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    /// `escape`.
    static func escape(_ text: String, _ mode: Mode) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") && mode == .queryComponent {
                out.append(UInt8(ascii: "+"))
            } else if shouldEscape(byte, mode) {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `validEncoded`: no byte that escaping would change, sub-delims, `[ ]` and `%` allowed.
    static func validEncoded(_ text: String, _ mode: Mode) -> Bool {
        text.utf8.allSatisfy { byte in
            Array("!$&'()*+,;=:@[]%".utf8).contains(byte) || !shouldEscape(byte, mode)
        }
    }

    // MARK: rendering

    /// `EscapedPath`.
    var escapedPath: String {
        if !rawPath.isEmpty && Self.validEncoded(rawPath, .path),
            case .success(let decoded) = Self.unescape(Array(rawPath.utf8), .path), decoded == path
        {
            return rawPath
        }
        if path == "*" { return "*" }
        return Self.escape(path, .path)
    }

    /// `EscapedFragment`.
    var escapedFragment: String {
        if !rawFragment.isEmpty && Self.validEncoded(rawFragment, .fragment),
            case .success(let decoded) = Self.unescape(Array(rawFragment.utf8), .fragment), decoded == fragment
        {
            return rawFragment
        }
        return Self.escape(fragment, .fragment)
    }

    /// `URL.String()`.
    package var string: String {
        var out = ""
        if !scheme.isEmpty { out += scheme + ":" }
        if !opaque.isEmpty {
            out += opaque
        } else {
            if !scheme.isEmpty || !host.isEmpty || user != nil {
                if !host.isEmpty || !path.isEmpty || user != nil { out += "//" }
                if let user {
                    out += Self.escape(user.name, .userPassword)
                    if let password = user.password { out += ":" + Self.escape(password, .userPassword) }
                    out += "@"
                }
                if !host.isEmpty { out += Self.escape(host, .host) }
            }
            let escaped = escapedPath
            if let first = escaped.utf8.first, first != UInt8(ascii: "/"), !host.isEmpty { out += "/" }
            if out.isEmpty {
                // A first segment with a colon would read as a scheme (RFC 3986 §4.2).
                if escaped.utf8.prefix(while: { $0 != UInt8(ascii: "/") }).contains(UInt8(ascii: ":")) {
                    out += "./"
                }
            }
            out += escaped
        }
        if forceQuery || !rawQuery.isEmpty { out += "?" + rawQuery }
        if !fragment.isEmpty { out += "#" + escapedFragment }
        return out
    }

    /// `URL.Redacted()`: the password, if any, replaced by `xxxxx`.
    package var redacted: String {
        var copy = self
        if let user, user.password != nil { copy.user = (user.name, "xxxxx") }
        return copy.string
    }
}
