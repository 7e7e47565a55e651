/// The kinds of PromQL tokens, as in Prometheus's `ItemType`.
enum TokenKind: UInt8, Sendable {
    case eof
    case error
    case identifier
    case metricIdentifier
    case number
    case string
    case duration
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, colon, at
    case assign  // `=` inside braces
    // Operators.
    case add, sub, mul, div, mod, pow
    case eqlc, neq, lte, lss, gte, gtr, eqlRegex, neqRegex
    case land, lor, lunless, atan2
    // Aggregators.
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk, countValues, quantile, limitk, limitRatio
    // Keywords.
    case bool, by, groupLeft, groupRight, ignoring, offset, on, without, start, end

    var isOperator: Bool { rawValue >= TokenKind.add.rawValue && rawValue <= TokenKind.atan2.rawValue }
    var isAggregator: Bool { rawValue >= TokenKind.sum.rawValue && rawValue <= TokenKind.limitRatio.rawValue }
    var isKeyword: Bool { rawValue >= TokenKind.bool.rawValue }

    var binaryOp: BinaryOp? {
        switch self {
        case .add: return .add
        case .sub: return .sub
        case .mul: return .mul
        case .div: return .div
        case .mod: return .mod
        case .pow: return .pow
        case .atan2: return .atan2
        case .eqlc: return .eql
        case .neq: return .neq
        case .gtr: return .gtr
        case .lss: return .lss
        case .gte: return .gte
        case .lte: return .lte
        case .land: return .and
        case .lor: return .or
        case .lunless: return .unless
        default: return nil
        }
    }

    var aggregateOp: AggregateOp? {
        switch self {
        case .sum: return .sum
        case .avg: return .avg
        case .count: return .count
        case .min: return .min
        case .max: return .max
        case .group: return .group
        case .stddev: return .stddev
        case .stdvar: return .stdvar
        case .topk: return .topk
        case .bottomk: return .bottomk
        case .countValues: return .countValues
        case .quantile: return .quantile
        case .limitk: return .limitk
        case .limitRatio: return .limitRatio
        default: return nil
        }
    }

    /// Tokens that may also be used as a metric name (Prometheus's `metric_identifier` rule).
    var canBeMetricName: Bool {
        switch self {
        case .identifier, .metricIdentifier, .by, .land, .lor, .lunless, .offset, .without, .start, .end:
            return true
        default: return isAggregator
        }
    }

    /// Tokens that may be used as a label name in grouping clauses (Prometheus's `maybe_label` rule).
    var canBeLabelName: Bool {
        switch self {
        case .identifier, .metricIdentifier, .bool, .by, .groupLeft, .groupRight, .ignoring, .land, .lor, .lunless,
            .offset, .on, .without, .start, .end, .atan2:
            return true
        default: return isAggregator
        }
    }

    /// The fixed spelling of punctuation and operator tokens (Prometheus's `ItemTypeStr`).
    var fixedText: String? {
        switch self {
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .comma: return ","
        case .assign: return "="
        case .colon: return ":"
        case .at: return "@"
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .div: return "/"
        case .mod: return "%"
        case .pow: return "^"
        case .eqlc: return "=="
        case .neq: return "!="
        case .lte: return "<="
        case .lss: return "<"
        case .gte: return ">="
        case .gtr: return ">"
        case .eqlRegex: return "=~"
        case .neqRegex: return "!~"
        default: return nil
        }
    }
}

/// A token: its kind and its span of the input in UTF-8 byte offsets.
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int
}
