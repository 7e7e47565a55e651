public import KlaxonModel

/// Strict, typed reading of `YAMLNode`s with go-yaml v3 `KnownFields(true)` semantics.
///
/// Type mismatches, unknown fields and duplicate fields are collected (decoding goes on, like go-yaml's
/// `d.terrors`) and reported together as `yaml: unmarshal errors:\n  line N: …`. A failing custom unmarshaler
/// (an invalid duration) aborts decoding with its own message, dropping what was collected, as go-yaml does.
public struct NodeReader: Sendable {
    /// Collected `line N: …` entries.
    public private(set) var typeErrors: [String] = []
    /// The error that aborted decoding, if any.
    public private(set) var fatalError: String?

    /// Word repeated keys as gopkg.in/yaml.v2 does (prometheus.yml): `field k already set in type T` for structs and
    /// `key "k" already set in map` for maps, instead of v3's `mapping key "k" already defined at line N`.
    public var goYAMLv2 = false

    public init() {}

    public init(goYAMLv2: Bool) {
        self.goYAMLv2 = goYAMLv2
    }

    /// True once decoding must stop (a fatal error was raised).
    public var aborted: Bool { fatalError != nil }

    /// The combined error text, or nil when decoding succeeded.
    public var errorMessage: String? {
        if let fatalError { return fatalError }
        if typeErrors.isEmpty { return nil }
        return "yaml: unmarshal errors:\n  " + typeErrors.joined(separator: "\n  ")
    }

    public mutating func typeError(_ node: YAMLNode, into goType: String) {
        var value = ""
        if case .scalar(let text, _) = node.kind {
            let bytes = Array(text.utf8)
            if bytes.count > 10 {
                value = " `" + String(decoding: bytes[0..<7], as: UTF8.self) + "...`"
            } else {
                value = " `" + text + "`"
            }
        }
        typeErrors.append("line \(node.line): cannot unmarshal \(node.shortTag)\(value) into \(goType)")
    }

    public mutating func fail(_ message: String) {
        if fatalError == nil { fatalError = message }
    }

    /// Reads a mapping into a struct named `goType` whose YAML fields are `known`, calling `body` for each
    /// accepted field in document order (errors stay in go-yaml's order).
    ///
    /// When `strict` (go-yaml `KnownFields(true)`), unknown keys produce `field k not found in type goType`;
    /// repeated keys always produce `field k already set in type goType`. Returns false when the node is not a
    /// mapping (null decodes to an empty struct: true, no fields).
    @discardableResult
    public mutating func forEachField(
        of node: YAMLNode,
        goType: String,
        known: Set<String>,
        strict: Bool = true,
        _ body: (inout NodeReader, String, YAMLNode) -> Void
    ) -> Bool {
        switch node.kind {
        case .mapping(let pairs):
            if repeatedKeys(pairs) { return true }
            var seen: Set<String> = []
            for pair in pairs {
                if aborted { return true }
                let name = pair.key.scalarValue ?? ""
                guard known.contains(name) else {
                    if strict { typeErrors.append("line \(pair.key.line): field \(name) not found in type \(goType)") }
                    continue
                }
                if !seen.insert(name).inserted {
                    typeErrors.append("line \(pair.key.line): field \(name) already set in type \(goType)")
                    continue
                }
                body(&self, name, pair.value)
            }
            return true
        case .scalar where node.isNull:
            return true
        default:
            typeError(node, into: goType)
            return false
        }
    }

    /// go-yaml checks a mapping's keys for repeats before decoding it; a mapping with repeats is not decoded.
    mutating func repeatedKeys(_ pairs: [YAMLPair]) -> Bool {
        if goYAMLv2 { return false }
        var found = false
        for pair in pairs {
            if let firstLine = pair.key.duplicateOf {
                let key = pair.key.scalarValue ?? ""
                typeErrors.append(
                    "line \(pair.key.line): mapping key \(goQuoted(key)) already defined at line \(firstLine)"
                )
                found = true
            }
        }
        return found
    }

    /// Go `string`: any scalar's text; null is "". `goType` names a string type in type errors (`config.plain` for
    /// prometheus/common's `Secret`).
    public mutating func string(_ node: YAMLNode, into goType: String = "string") -> String? {
        switch node.kind {
        case .scalar(let text, let tag): return tag == "!!null" ? "" : text
        default:
            typeError(node, into: goType)
            return nil
        }
    }

    /// Go `int`: integer scalars (go-yaml v3 also accepts floats, truncated); null is 0.
    public mutating func int(_ node: YAMLNode) -> Int? {
        guard case .scalar(let text, let tag) = node.kind else {
            typeError(node, into: "int")
            return nil
        }
        switch tag {
        case "!!null": return 0
        case "!!int":
            if let value = GoYAMLResolve.parseInt(text), let int = Int(exactly: value) { return int }
        case "!!float":
            // go-yaml v3 truncates a float that fits.
            if let double = Double(text.filter { $0 != "_" }), double.isFinite, double < 9.223372036854775807e18,
                double >= -9.223372036854775808e18
            {
                return Int(double.rounded(.towardZero))
            }
        default: break
        }
        typeError(node, into: "int")
        return nil
    }

    /// Prometheus `model.Duration`: unmarshalled as a string, then parsed; an invalid text aborts decoding
    /// with `not a valid duration string: "x"`. Null is zero.
    public mutating func duration(_ node: YAMLNode) -> PromDuration? {
        if node.isNull { return .zero }
        guard let text = string(node) else { return nil }
        if text.isEmpty {
            fail("empty duration string")
            return nil
        }
        guard let duration = PromDuration(parsing: text) else {
            fail("not a valid duration string: " + goQuoted(text))
            return nil
        }
        return duration
    }

    /// Go `map[string]string`, entries in document order. Null is empty. `goType` and `valueType` name the Go types
    /// in type errors (a `model.LabelSet` is a `map[LabelName]LabelValue`; its keys decode as `string`).
    public mutating func stringMap(
        _ node: YAMLNode,
        goType: String = "map[string]string",
        valueType: String = "string"
    ) -> [(String, String)]? {
        switch node.kind {
        case .mapping(let pairs):
            if repeatedKeys(pairs) { return [] }
            var out: [(String, String)] = []
            out.reserveCapacity(pairs.count)
            var seen: Set<String> = []
            for pair in pairs {
                guard let key = string(pair.key), let value = string(pair.value, into: valueType) else { continue }
                if goYAMLv2 && !seen.insert(key).inserted {
                    typeErrors.append("line \(pair.key.line): key \(goQuoted(key)) already set in map")
                    continue
                }
                out.append((key, value))
            }
            return out
        case .scalar where node.isNull:
            return []
        default:
            typeError(node, into: goType)
            return nil
        }
    }

    /// Records gopkg.in/yaml.v2's strict-mode error for a map key seen twice (`line N: key "k" already set in map`),
    /// for maps decoded outside `stringMap`.
    public mutating func repeatedMapKey(_ key: String, line: Int) {
        typeErrors.append("line \(line): key \(goQuoted(key)) already set in map")
    }

    /// A Go slice of structs: null elements are dropped (go-yaml cannot decode null into a struct value).
    public mutating func sequence(_ node: YAMLNode, goType: String) -> [YAMLNode]? {
        switch node.kind {
        case .sequence(let items): return items.filter { !$0.isNull }
        case .scalar where node.isNull: return []
        default:
            typeError(node, into: goType)
            return nil
        }
    }
}
