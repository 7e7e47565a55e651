/// String helpers shared by the Prometheus and Alertmanager function sets (Go's `strings` package).
enum GoStrings {
    /// Go's deprecated `strings.Title`: upper-cases the first letter of each word.
    static func title(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for scalar in s.unicodeScalars {
            if isSeparator(previous) {
                out.append(contentsOf: String(scalar).uppercased().unicodeScalars)
            } else {
                out.append(scalar)
            }
            previous = scalar
        }
        return String(out)
    }

    private static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            if (s >= "0" && s <= "9") || (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_" { return false }
            return true
        }
        if s.properties.isAlphabetic || s.properties.numericType != nil { return false }
        return s.properties.isWhitespace
    }

    /// Go's `net.SplitHostPort`, returning nil on error.
    static func splitHostPort(_ hostPort: String) -> (host: String, port: String)? {
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { return nil }
            let host = hostPort[hostPort.index(after: hostPort.startIndex)..<close]
            let rest = hostPort[hostPort.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            let port = rest.dropFirst()
            if port.contains(":") { return nil }
            return (String(host), String(port))
        }
        guard let colon = hostPort.lastIndex(of: ":") else { return nil }
        let host = hostPort[..<colon]
        if host.contains(":") { return nil }
        return (String(host), String(hostPort[hostPort.index(after: colon)...]))
    }

    /// Whether `host` parses as an IPv4 or IPv6 address (Go's `net.ParseIP != nil`, approximately).
    static func isIP(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4
            && parts.allSatisfy({ p in p.count <= 3 && !p.isEmpty && p.allSatisfy(\.isASCII) && (UInt8(p) != nil) })
        {
            return true
        }
        return host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}
