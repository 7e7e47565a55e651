/// The exposition formats `/federate` answers in, chosen from the request's `Accept` header as
/// `expfmt.Negotiate` of prometheus/common v0.39 (what Prometheus 2.42 uses) chooses them.
enum FederationFormat: Sendable, Equatable {
    /// Text 0.0.4 (`FmtText`): the default, and what Prometheus's scraper gets unless it asks for protobuf.
    case text
    /// Varint-length-delimited `io.prometheus.client.MetricFamily` messages (`FmtProtoDelim`): what a scraper with
    /// native histograms enabled asks for first.
    case protoDelimited
    /// The protobuf text format, one family per `MarshalTextString` plus a newline (`FmtProtoText`).
    case protoText
    /// The compact protobuf text format, one family per line (`FmtProtoCompact`).
    case protoCompact

    /// The `Content-Type` of the answer (`string(format)` in Go).
    var contentType: String {
        switch self {
        case .text: return "text/plain; version=0.0.4; charset=utf-8"
        case .protoDelimited: return Self.protoPrefix + " encoding=delimited"
        case .protoText: return Self.protoPrefix + " encoding=text"
        case .protoCompact: return Self.protoPrefix + " encoding=compact-text"
        }
    }

    private static let protoPrefix = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"

    /// `expfmt.Negotiate`: the first acceptable clause, in goautoneg's order, that names the protobuf type with
    /// `proto=io.prometheus.client.MetricFamily` and a known `encoding`, or `text/plain` with no version or 0.0.4;
    /// text when none does (OpenMetrics is never chosen). `accept` is the first `Accept` header (`Header.Get`).
    static func negotiate(_ accept: String?) -> FederationFormat {
        for clause in AcceptClause.parse(accept ?? "") {
            if clause.type == "application", clause.subtype == "vnd.google.protobuf",
                clause.parameter("proto") == "io.prometheus.client.MetricFamily"
            {
                switch clause.parameter("encoding") {
                case "delimited": return .protoDelimited
                case "text": return .protoText
                case "compact-text": return .protoCompact
                default: break
                }
            }
            if clause.type == "text", clause.subtype == "plain" {
                let version = clause.parameter("version") ?? ""
                if version == "0.0.4" || version.isEmpty { return .text }
            }
        }
        return .text
    }
}

/// One clause of an `Accept` header as goautoneg (vendored in prometheus/common) parses it.
struct AcceptClause: Equatable {
    var type: String
    var subtype: String
    /// `q`, 1 when absent, 0 when it does not parse (Go's `ParseFloat(s, 32)` error result), rounded to `Float`.
    var quality: Double
    /// Parameters other than `q`, names and values trimmed of spaces, in order (a later duplicate wins).
    var parameters: [(name: String, value: String)]

    static func == (a: AcceptClause, b: AcceptClause) -> Bool {
        a.type == b.type && a.subtype == b.subtype && a.quality == b.quality
            && a.parameters.elementsEqual(b.parameters) { $0.name == $1.name && $0.value == $1.value }
    }

    /// The value of parameter `name` (the last one given, as Go's map assignment keeps).
    func parameter(_ name: String) -> String? {
        parameters.last { $0.name == name }?.value
    }

    /// `goautoneg.ParseAccept`: clauses split at `,`, trimmed of spaces, media range split at `/` (a lone `*` is
    /// `*/*`; anything else without exactly one `/` is dropped), parameters split at the first `=` (those without
    /// one are dropped); then sorted with goautoneg's comparison (higher `q` first, then concrete types before
    /// `*`) by Go's `sort.Sort`, which is an insertion sort up to 12 clauses (longer headers are sorted the same
    /// way here; Go's pattern-defeating quicksort may order equal clauses differently there).
    static func parse(_ header: String) -> [AcceptClause] {
        var clauses: [AcceptClause] = []
        // Bytes, as Go splits: no grapheme clusters joining a separator to what follows it.
        let bytes = Array(header.utf8)
        for rawPart in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let part = trimSpaces(rawPart)
            let pieces = part.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
            let range = pieces[0].split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            let type = text(trimSpaces(range[0]))
            let subtype: String
            if range.count == 1 && type == "*" {
                subtype = "*"
            } else if range.count == 2 {
                subtype = text(trimSpaces(range[1]))
            } else {
                continue
            }
            var clause = AcceptClause(type: type, subtype: subtype, quality: 1, parameters: [])
            for parameter in pieces.dropFirst() {
                guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let name = text(trimSpaces(parameter[..<equals]))
                let value = parameter[(equals + 1)...]
                if name == "q" {
                    // strconv.ParseFloat(value, 32): the untrimmed text; an error leaves 0.
                    clause.quality = Double(goFloat: text(value)).map { Double(Float($0)) } ?? 0
                } else {
                    clause.parameters.append((name, text(trimSpaces(value))))
                }
            }
            clauses.append(clause)
        }
        // Go's insertionSort with goautoneg's Less.
        if clauses.count > 1 {
            for i in 1..<clauses.count {
                var j = i
                while j > 0, precedes(clauses[j], clauses[j - 1]) {
                    clauses.swapAt(j, j - 1)
                    j -= 1
                }
            }
        }
        return clauses
    }

    /// goautoneg's `accept_slice.Less` (not a strict order: a lower `q` precedes a wildcard).
    private static func precedes(_ a: AcceptClause, _ b: AcceptClause) -> Bool {
        if a.quality > b.quality { return true }
        if a.type != "*" && b.type == "*" { return true }
        if a.subtype != "*" && b.subtype == "*" { return true }
        return false
    }

    /// Go's `strings.Trim(s, " ")`: spaces only, not tabs.
    private static func trimSpaces(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while slice.first == UInt8(ascii: " ") { slice = slice.dropFirst() }
        while slice.last == UInt8(ascii: " ") { slice = slice.dropLast() }
        return slice
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
