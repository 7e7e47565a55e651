public import KlaxonPromQL

/// An HTTP request as the API handlers see it: method, path, and Go's `r.Form` (the URL-encoded body of a POST or
/// PUT form first, then the query string), independent of the HTTP server library.
public struct APIRequest: Sendable {
    public var method: String
    /// The decoded path, without the query string.
    public var path: String
    /// The raw query string (after `?`, not decoded).
    public var rawQuery: String
    /// The request body (a form is decoded from it when `isForm`).
    public var body: [UInt8]
    /// Whether the body is `application/x-www-form-urlencoded`.
    public var isForm: Bool
    /// The `Origin` header, when the client sent one (CORS).
    public var origin: String?
    /// The first `Accept` header, when the client sent one (`/federate` negotiates its format from it).
    public var accept: String? = nil
    /// Set when the client goes away: a query or metadata request it started stops at its next check.
    public var cancellation = QueryCancellation()
    /// Decoded query parameters in order.
    public let queryItems: [(name: String, value: String)]
    /// Decoded form: body parameters (POST/PUT/PATCH forms) first, then the query string's, as Go's `r.Form`.
    public let form: [(name: String, value: String)]

    public init(
        method: String,
        path: String,
        rawQuery: String = "",
        body: [UInt8] = [],
        isForm: Bool = false,
        origin: String? = nil
    ) {
        self.origin = origin
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.body = body
        self.isForm = isForm
        let query = FormDecoder.decode(Array(rawQuery.utf8))
        self.queryItems = query
        if isForm && (method == "POST" || method == "PUT" || method == "PATCH") {
            self.form = FormDecoder.decode(body) + query
        } else {
            self.form = query
        }
    }

    /// Go's `r.FormValue(name)`: the first value, or `""`.
    public func formValue(_ name: String) -> String {
        for item in form where item.name == name { return item.value }
        return ""
    }

    /// Every value of a repeated parameter (`match[]`), body values first.
    public func formValues(_ name: String) -> [String] {
        form.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The query parameters as a dictionary (first value wins), for the Alertmanager passthrough.
    var queryDictionary: [String: String] {
        var out: [String: String] = [:]
        for item in queryItems where out[item.name] == nil { out[item.name] = item.value }
        return out
    }
}

/// An HTTP response: status, content type and body bytes.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Extra headers (CORS).
    public var headers: [(name: String, value: String)]

    public init(status: Int, contentType: String, body: [UInt8], headers: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    static let jsonType = "application/json"
    static let textType = "text/plain; charset=utf-8"

    static func text(_ status: Int, _ text: String) -> APIResponse {
        APIResponse(status: status, contentType: textType, body: Array(text.utf8))
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space, `%XX` a byte) as Go's `url.ParseQuery`, which
/// drops a pair whose escapes are malformed or that holds a `;`.
enum FormDecoder {
    static func decode(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        var start = 0
        let n = bytes.count
        while start <= n {
            var end = start
            var semicolon = false
            while end < n, bytes[end] != UInt8(ascii: "&") {
                if bytes[end] == UInt8(ascii: ";") { semicolon = true }
                end += 1
            }
            // Go 1.17+ rejects a pair holding a semicolon ("invalid semicolon separator in query").
            if end > start, !semicolon {
                var eq = start
                while eq < end, bytes[eq] != UInt8(ascii: "=") { eq += 1 }
                if let name = unescape(bytes[start..<eq]),
                    let value = unescape(eq < end ? bytes[(eq + 1)..<end] : bytes[end..<end])
                {
                    out.append((name, value))
                }
            }
            start = end + 1
        }
        return out
    }

    /// Percent-decodes one component; `nil` when an escape is malformed.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else {
                    return nil
                }
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
