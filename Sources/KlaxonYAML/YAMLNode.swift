/// A YAML node with its position, independent of the YAML library underneath (Yams stays inside KlaxonYAML).
///
/// Scalars carry the tag go-yaml v3 would resolve for them (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
/// `!!timestamp`), so that decoding reports the same `cannot unmarshal !!int `5` into …` wording as Prometheus.
public struct YAMLNode: Sendable {
    public enum Kind: Sendable {
        case scalar(String, tag: String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var kind: Kind
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column (in Unicode scalars, like libyaml), 0 when unknown.
    public var column: Int
    /// For a mapping key that repeats an earlier key of the same mapping: the line of the first occurrence.
    public var duplicateOf: Int?

    public init(kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    /// go-yaml's short tag of this node.
    public var shortTag: String {
        switch kind {
        case .scalar(_, let tag): tag
        case .sequence: "!!seq"
        case .mapping: "!!map"
        }
    }

    public var isNull: Bool {
        if case .scalar(_, let tag) = kind { return tag == "!!null" }
        return false
    }

    /// The scalar's text, nil for collections.
    public var scalarValue: String? {
        if case .scalar(let value, _) = kind { return value }
        return nil
    }
}

/// One key/value entry of a mapping, in document order.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A YAML syntax error, worded like go-yaml v3 (`yaml: line 3: did not find expected '-' indicator`).
public struct YAMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
