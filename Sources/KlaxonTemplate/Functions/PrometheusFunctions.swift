public import KlaxonModel

/// Runs an instant PromQL query for the `query` template function; injected so this module does not depend on
/// the PromQL engine. Errors are reported as the function's error text.
public typealias TemplateQueryFunction = @Sendable (String) throws -> [QuerySample]

/// Prometheus's template functions (`template/template.go` @ 2.42), text mode.
public enum PrometheusFunctions {
    /// The function set for one expansion: `query` runs through `query`, links use `externalURL`.
    public static func make(query: TemplateQueryFunction?, externalURL: String) -> TemplateFunctions {
        var f = base
        f.merge(contextual(query: query, externalURL: externalURL))
        return f
    }

    /// The functions that depend on the expansion (`query`, `externalURL`, `pathPrefix`): cheap to build per
    /// expansion and passed as overrides, so the rest of the table is not rebuilt.
    public static func contextual(query: TemplateQueryFunction?, externalURL: String) -> TemplateFunctions {
        var f = TemplateFunctions()
        f.register("pathPrefix", arity: 0) { _ in .string(URLParts.path(of: externalURL)) }
        f.register("externalURL", arity: 0) { _ in .string(externalURL) }
        f.register("query", arity: 1) { args throws(TemplateError) in
            let expression = try args[0].asString()
            guard let query else { throw .function("query is not available") }
            do {
                return .list(try query(expression).map { .sample($0) })
            } catch let error as TemplateError {
                throw .function(error.message)
            } catch {
                throw .function("\(error)")
            }
        }
        return f
    }

    /// The functions that do not depend on the expansion.
    static let base: TemplateFunctions = {
        var f = TemplateFunctions()
        f.register("first", arity: 1) { args throws(TemplateError) in
            let result = try queryResult(args[0])
            guard let first = result.first else { throw .function("first() called on vector with no elements") }
            return .sample(first)
        }
        f.register("label", arity: 2) { args throws(TemplateError) in
            let name = try args[0].asString()
            return .string(try sample(args[1]).labels[name] ?? "")
        }
        f.register("value", arity: 1) { args throws(TemplateError) in .float(try sample(args[0]).value) }
        f.register("strvalue", arity: 1) { args throws(TemplateError) in
            .string(try sample(args[0]).labels["__value__"] ?? "")
        }
        f.register("args", arity: 0, variadic: true) { args in
            var map: [String: TemplateValue] = [:]
            for (i, arg) in args.enumerated() { map["arg\(i)"] = arg }
            return .map(map)
        }
        f.register("reReplaceAll", arity: 3) { args throws(TemplateError) in
            .string(try GoRegex.replaceAll(try args[0].asString(), try args[1].asString(1), try args[2].asString(2)))
        }
        f.register("match", arity: 2) { args throws(TemplateError) in
            .bool(try GoRegex.matches(try args[0].asString(), try args[1].asString(1)))
        }
        f.register("safeHtml", arity: 1) { args throws(TemplateError) in .html(try args[0].asString()) }
        f.register("title", arity: 1) { args throws(TemplateError) in .string(GoStrings.title(try args[0].asString())) }
        f.register("toUpper", arity: 1) { args throws(TemplateError) in .string(try args[0].asString().uppercased()) }
        f.register("toLower", arity: 1) { args throws(TemplateError) in .string(try args[0].asString().lowercased()) }
        f.register("graphLink", arity: 1) { args throws(TemplateError) in
            .string("/graph?g0.expr=\(Escaping.queryEscape(try args[0].asString()))&g0.tab=0")
        }
        f.register("tableLink", arity: 1) { args throws(TemplateError) in
            .string("/graph?g0.expr=\(Escaping.queryEscape(try args[0].asString()))&g0.tab=1")
        }
        f.register("sortByLabel", arity: 2) { args throws(TemplateError) in
            let label = try args[0].asString()
            let result = try queryResult(args[1])
            // Stable sort, as Go's sort.Stable.
            let sorted = result.enumerated().sorted { a, b in
                let x = a.element.labels[label] ?? ""
                let y = b.element.labels[label] ?? ""
                return x != y ? x < y : a.offset < b.offset
            }
            return .list(sorted.map { .sample($0.element) })
        }
        f.register("humanize", arity: 1) { args throws(TemplateError) in .string(Humanize.si(try args[0].asFloat())) }
        f.register("humanize1024", arity: 1) { args throws(TemplateError) in
            .string(Humanize.binary(try args[0].asFloat()))
        }
        f.register("humanizeDuration", arity: 1) { args throws(TemplateError) in
            .string(Humanize.duration(try args[0].asFloat()))
        }
        f.register("humanizePercentage", arity: 1) { args throws(TemplateError) in
            .string(GoFloat.format(try args[0].asFloat() * 100, verb: "g", precision: 4) + "%")
        }
        f.register("humanizeTimestamp", arity: 1) { args throws(TemplateError) in
            let v = try args[0].asFloat()
            if v.isNaN || v.isInfinite { return .string(GoFloat.format(v, verb: "g", precision: 4)) }
            return .string(GoTime.string(milliseconds: try Humanize.milliseconds(v)))
        }
        f.register("toTime", arity: 1) { args throws(TemplateError) in
            let v = try args[0].asFloat()
            if v.isNaN || v.isInfinite { throw .function("value is NaN or Inf") }
            return .time(try Humanize.milliseconds(v))
        }
        f.register("parseDuration", arity: 1) { args throws(TemplateError) in
            let text = try args[0].asString()
            guard let duration = PromDuration(parsing: text) else {
                throw .function("not a valid duration string: \(GoPrintf.quote(text))")
            }
            return .float(Double(duration.milliseconds) / 1000)
        }
        f.register("stripPort", arity: 1) { args throws(TemplateError) in
            let hostPort = try args[0].asString()
            return .string(GoStrings.splitHostPort(hostPort)?.host ?? hostPort)
        }
        f.register("stripDomain", arity: 1) { args throws(TemplateError) in
            let hostPort = try args[0].asString()
            if hostPort.isEmpty { return .string("") }
            let split = GoStrings.splitHostPort(hostPort)
            let host = split?.host ?? hostPort
            if GoStrings.isIP(host) { return .string(hostPort) }
            let short = String(host.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
            if let port = split?.port, !port.isEmpty {
                return .string((short.contains(":") ? "[\(short)]" : short) + ":" + port)
            }
            return .string(short)
        }
        return f
    }()

    /// Names of the functions, for parsing rule templates at load time.
    public static let names: TemplateFunctions = make(query: nil, externalURL: "")

    private static func queryResult(_ value: TemplateValue) throws(TemplateError) -> [QuerySample] {
        switch value {
        case .list(let items):
            var out: [QuerySample] = []
            for item in items {
                guard case .sample(let s) = item else {
                    throw .function("wrong type for value; expected template.queryResult; got \(value.goTypeName)")
                }
                out.append(s)
            }
            return out
        case .null: return []
        default: throw .function("wrong type for value; expected template.queryResult; got \(value.goTypeName)")
        }
    }

    private static func sample(_ value: TemplateValue) throws(TemplateError) -> QuerySample {
        guard case .sample(let s) = value else {
            throw .function("wrong type for value; expected *template.sample; got \(value.goTypeName)")
        }
        return s
    }
}

/// The `humanize*` number formats of Prometheus.
enum Humanize {
    static func si(_ value: Double) -> String {
        var v = value
        if v == 0 || v.isNaN || v.isInfinite { return GoFloat.format(v, verb: "g", precision: 4) }
        var prefix = ""
        if Swift.abs(v) >= 1 {
            for p in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
                if Swift.abs(v) < 1000 { break }
                prefix = p
                v /= 1000
            }
        } else {
            for p in ["m", "u", "n", "p", "f", "a", "z", "y"] {
                if Swift.abs(v) >= 1 { break }
                prefix = p
                v *= 1000
            }
        }
        return GoFloat.format(v, verb: "g", precision: 4) + prefix
    }

    static func binary(_ value: Double) -> String {
        var v = value
        if Swift.abs(v) <= 1 || v.isNaN || v.isInfinite { return GoFloat.format(v, verb: "g", precision: 4) }
        var prefix = ""
        for p in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
            if Swift.abs(v) < 1024 { break }
            prefix = p
            v /= 1024
        }
        return GoFloat.format(v, verb: "g", precision: 4) + prefix
    }

    static func duration(_ value: Double) -> String {
        var v = value
        if v.isNaN || v.isInfinite { return GoFloat.format(v, verb: "g", precision: 4) }
        if v == 0 { return GoFloat.format(v, verb: "g", precision: 4) + "s" }
        if Swift.abs(v) >= 1 {
            var sign = ""
            if v < 0 {
                sign = "-"
                v = -v
            }
            let whole = v >= 9.2e18 ? Int64.max : Int64(v)
            let seconds = whole % 60
            let minutes = whole / 60 % 60
            let hours = whole / 3600 % 24
            let days = whole / 86400
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return sign + GoFloat.format(v, verb: "g", precision: 4) + "s"
        }
        var prefix = ""
        for p in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if Swift.abs(v) >= 1 { break }
            prefix = p
            v *= 1000
        }
        return GoFloat.format(v, verb: "g", precision: 4) + prefix + "s"
    }

    /// Prometheus's `floatToTime` at `model.Time` (millisecond) precision.
    static func milliseconds(_ seconds: Double) throws(TemplateError) -> Int64 {
        let nanos = seconds * 1e9
        guard nanos < 9.223372036854775807e18, nanos >= -9.223372036854775808e18 else {
            throw .function(
                "\(TemplateValue.float(seconds).goString) cannot be represented as a nanoseconds timestamp since it overflows int64"
            )
        }
        return Int64(nanos) / 1_000_000
    }
}

/// Extracts the path of a URL string (`url.URL.Path`) without Foundation.
enum URLParts {
    static func path(of url: String) -> String {
        let bytes = Array(url.utf8)
        var schemeEnd: Int?
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: "/") && bytes[i + 2] == UInt8(ascii: "/") {
                schemeEnd = i + 3
                break
            }
            i += 1
        }
        guard let schemeEnd else { return url.hasPrefix("/") ? url : "" }
        let rest = Substring(String(decoding: bytes[schemeEnd...], as: UTF8.self))
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        var path = rest[slash...]
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        return String(path)
    }
}
