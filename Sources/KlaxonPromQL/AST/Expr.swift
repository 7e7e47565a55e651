public import KlaxonModel

/// The value types of PromQL expressions.
public enum ValueType: String, Sendable, Hashable {
    case scalar
    case vector = "instant vector"
    case matrix = "range vector"
    case string
}

/// A span of the query text, in UTF-8 byte offsets (`start` inclusive, `end` exclusive), for error positions.
public struct PositionRange: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    public static let none = PositionRange(start: 0, end: 0)
}

/// The `@` modifier of a selector or subquery.
public enum AtModifier: Sendable, Hashable {
    /// `@ <unix seconds>`, stored in milliseconds.
    case timestamp(Timestamp)
    /// `@ start()`: the query's start (the evaluation time for instant queries).
    case start
    /// `@ end()`: the query's end.
    case end
}

/// A PromQL expression tree, as produced by `Parser` and consumed by the evaluator.
public indirect enum Expr: Sendable, Hashable {
    case number(NumberLiteral)
    case string(StringLiteral)
    case vectorSelector(VectorSelector)
    case matrixSelector(MatrixSelector)
    case subquery(SubqueryExpr)
    case paren(ParenExpr)
    case unary(UnaryExpr)
    case binary(BinaryExpr)
    case aggregate(AggregateExpr)
    case call(Call)

    /// The static type of the expression.
    public var type: ValueType {
        switch self {
        case .number: return .scalar
        case .string: return .string
        case .vectorSelector: return .vector
        case .matrixSelector, .subquery: return .matrix
        case .paren(let p): return p.expr.type
        case .unary(let u): return u.expr.type
        case .binary(let b):
            return b.lhs.type == .scalar && b.rhs.type == .scalar ? .scalar : .vector
        case .aggregate: return .vector
        case .call(let c): return c.function.returnType
        }
    }

    public var position: PositionRange {
        switch self {
        case .number(let n): return n.position
        case .string(let s): return s.position
        case .vectorSelector(let v): return v.position
        case .matrixSelector(let m): return m.position
        case .subquery(let s): return s.position
        case .paren(let p): return p.position
        case .unary(let u): return u.position
        case .binary(let b): return b.position
        case .aggregate(let a): return a.position
        case .call(let c): return c.position
        }
    }
}

public struct NumberLiteral: Sendable, Hashable {
    public var value: Double
    public var position: PositionRange
    public init(value: Double, position: PositionRange = .none) {
        self.value = value
        self.position = position
    }
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.value.bitPattern == rhs.value.bitPattern && lhs.position == rhs.position
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(value.bitPattern) }
}

public struct StringLiteral: Sendable, Hashable {
    public var value: String
    public var position: PositionRange
    public init(value: String, position: PositionRange = .none) {
        self.value = value
        self.position = position
    }
}

/// `name{matchers} offset d @ t`. `matchers` include the `__name__="name"` matcher when a name was written.
public struct VectorSelector: Sendable, Hashable {
    public var name: String?
    public var matchers: [LabelMatcher]
    /// Offset in milliseconds (negative for `offset -5m`).
    public var offset: Int64
    public var at: AtModifier?
    public var position: PositionRange
    public init(
        name: String?,
        matchers: [LabelMatcher],
        offset: Int64 = 0,
        at: AtModifier? = nil,
        position: PositionRange = .none
    ) {
        self.name = name
        self.matchers = matchers
        self.offset = offset
        self.at = at
        self.position = position
    }
}

/// `selector[range]`; offset and `@` live on the inner selector.
public struct MatrixSelector: Sendable, Hashable {
    public var selector: VectorSelector
    /// Range in milliseconds.
    public var range: Int64
    public var position: PositionRange
    public init(selector: VectorSelector, range: Int64, position: PositionRange = .none) {
        self.selector = selector
        self.range = range
        self.position = position
    }
}

/// `expr[range:step] offset d @ t`. `step` 0 means "the default evaluation interval".
public struct SubqueryExpr: Sendable, Hashable {
    public var expr: Expr
    public var range: Int64
    public var step: Int64
    public var offset: Int64
    public var at: AtModifier?
    public var position: PositionRange
    public init(
        expr: Expr,
        range: Int64,
        step: Int64,
        offset: Int64 = 0,
        at: AtModifier? = nil,
        position: PositionRange = .none
    ) {
        self.expr = expr
        self.range = range
        self.step = step
        self.offset = offset
        self.at = at
        self.position = position
    }
}

public struct ParenExpr: Sendable, Hashable {
    public var expr: Expr
    public var position: PositionRange
    public init(expr: Expr, position: PositionRange = .none) {
        self.expr = expr
        self.position = position
    }
}

public enum UnaryOp: String, Sendable, Hashable {
    case plus = "+"
    case minus = "-"
}

public struct UnaryExpr: Sendable, Hashable {
    public var op: UnaryOp
    public var expr: Expr
    public var position: PositionRange
    public init(op: UnaryOp, expr: Expr, position: PositionRange = .none) {
        self.op = op
        self.expr = expr
        self.position = position
    }
}

public enum BinaryOp: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case sub = "-"
    case mul = "*"
    case div = "/"
    case mod = "%"
    case pow = "^"
    case atan2 = "atan2"
    case eql = "=="
    case neq = "!="
    case gtr = ">"
    case lss = "<"
    case gte = ">="
    case lte = "<="
    case and = "and"
    case or = "or"
    case unless = "unless"

    public var isComparison: Bool {
        switch self {
        case .eql, .neq, .gtr, .lss, .gte, .lte: return true
        default: return false
        }
    }

    public var isSetOperator: Bool { self == .and || self == .or || self == .unless }

    /// Binding power, higher binds tighter (Prometheus: or < and/unless < comparisons < +- < */% atan2 < ^).
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and, .unless: return 2
        case .eql, .neq, .gtr, .lss, .gte, .lte: return 3
        case .add, .sub: return 4
        case .mul, .div, .mod, .atan2: return 5
        case .pow: return 6
        }
    }

    public var isRightAssociative: Bool { self == .pow }
}

public enum VectorMatchCardinality: String, Sendable, Hashable {
    case oneToOne = "one-to-one"
    case manyToOne = "many-to-one"
    case oneToMany = "one-to-many"
    case manyToMany = "many-to-many"
}

/// `on(...)`/`ignoring(...)` and `group_left(...)`/`group_right(...)` of a binary expression between vectors.
public struct VectorMatching: Sendable, Hashable {
    public var cardinality: VectorMatchCardinality
    /// The labels of `on(...)` or `ignoring(...)`.
    public var matchingLabels: [String]
    /// True for `on(...)`, false for `ignoring(...)` (or no modifier).
    public var on: Bool
    /// Extra labels to copy from the "one" side (`group_left(a, b)`).
    public var include: [String]
    public init(
        cardinality: VectorMatchCardinality = .oneToOne,
        matchingLabels: [String] = [],
        on: Bool = false,
        include: [String] = []
    ) {
        self.cardinality = cardinality
        self.matchingLabels = matchingLabels
        self.on = on
        self.include = include
    }
}

public struct BinaryExpr: Sendable, Hashable {
    public var op: BinaryOp
    public var lhs: Expr
    public var rhs: Expr
    /// `bool` modifier on a comparison.
    public var returnBool: Bool
    /// Present when both sides are vectors (set operators get `.manyToMany`).
    public var matching: VectorMatching?
    public var position: PositionRange
    public init(
        op: BinaryOp,
        lhs: Expr,
        rhs: Expr,
        returnBool: Bool = false,
        matching: VectorMatching? = nil,
        position: PositionRange = .none
    ) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.returnBool = returnBool
        self.matching = matching
        self.position = position
    }
}

public enum AggregateOp: String, Sendable, Hashable, CaseIterable {
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk
    case countValues = "count_values"
    case quantile
    case limitk
    case limitRatio = "limit_ratio"

    /// Whether the operator takes a parameter before the vector (`topk(5, x)`).
    public var takesParameter: Bool {
        switch self {
        case .topk, .bottomk, .countValues, .quantile, .limitk, .limitRatio: return true
        default: return false
        }
    }
}

public struct AggregateExpr: Sendable, Hashable {
    public var op: AggregateOp
    public var expr: Expr
    public var parameter: Expr?
    public var grouping: [String]
    /// True for `without (...)`, false for `by (...)` or no clause.
    public var without: Bool
    public var position: PositionRange
    public init(
        op: AggregateOp,
        expr: Expr,
        parameter: Expr? = nil,
        grouping: [String] = [],
        without: Bool = false,
        position: PositionRange = .none
    ) {
        self.op = op
        self.expr = expr
        self.parameter = parameter
        self.grouping = grouping
        self.without = without
        self.position = position
    }
}

/// A function's signature, from the table shared by the parser (type checking) and the evaluator.
public struct FunctionSignature: Sendable, Hashable {
    public var name: String
    public var argTypes: [ValueType]
    /// Number of trailing optional arguments (`round(v, to_nearest)`), or -1 when the last type repeats
    /// without bound (`label_join`).
    public var variadic: Int
    public var returnType: ValueType
    /// Experimental in 3.x (enabled by `--enable-feature=promql-experimental-functions`).
    public var experimental: Bool
    public init(
        name: String,
        argTypes: [ValueType],
        variadic: Int = 0,
        returnType: ValueType,
        experimental: Bool = false
    ) {
        self.name = name
        self.argTypes = argTypes
        self.variadic = variadic
        self.returnType = returnType
        self.experimental = experimental
    }
}

public struct Call: Sendable, Hashable {
    public var function: FunctionSignature
    public var args: [Expr]
    public var position: PositionRange
    public init(function: FunctionSignature, args: [Expr], position: PositionRange = .none) {
        self.function = function
        self.args = args
        self.position = position
    }
}
