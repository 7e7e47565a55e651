public import KlaxonModel
public import KlaxonPromQL

/// A position in a rule file (1-based; 0:0 when the node is absent, as Prometheus prints it).
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static let unknown = SourcePosition(line: 0, column: 0)
    public var description: String { "\(line):\(column)" }
}

/// A parsed Prometheus rule file (`rulefmt.RuleGroups`).
public struct RuleFile: Sendable {
    public var groups: [RuleGroupSpec]
    public init(groups: [RuleGroupSpec]) { self.groups = groups }
    public var ruleCount: Int { groups.reduce(0) { $0 + $1.rules.count } }
}

public struct RuleGroupSpec: Sendable {
    public var name: String
    /// nil: the global evaluation interval.
    public var interval: PromDuration?
    /// Prometheus ≥2.53 `query_offset`; nil: the global default.
    public var queryOffset: PromDuration?
    /// 0 = no limit.
    public var limit: Int
    /// Prometheus 3.x group labels, in file order.
    public var labels: [(name: String, value: String)]
    public var rules: [RuleSpec]
    public var position: SourcePosition
}

public struct RuleSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        case recording(String)
        case alerting(String)
    }

    public var kind: Kind
    /// The `record` text as written (also kept when `alert` is set too, for validation).
    public var recordName: String
    public var expr: String
    /// The parsed expression (nil only if the rule failed validation).
    public var parsedExpr: Expr?
    public var forDuration: PromDuration
    public var keepFiringFor: PromDuration
    public var labels: [(name: String, value: String)]
    public var annotations: [(name: String, value: String)]
    public var recordPosition: SourcePosition
    public var alertPosition: SourcePosition
    public var exprPosition: SourcePosition

    /// The record or alert name.
    public var name: String {
        switch kind {
        case .recording(let name), .alerting(let name): name
        }
    }
}
