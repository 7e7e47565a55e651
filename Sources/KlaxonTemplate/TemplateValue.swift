/// A dynamically typed value flowing through a template: Go's `interface{}` restricted to what Prometheus and
/// Alertmanager templates use.
public indirect enum TemplateValue: Sendable {
    /// Go's untyped nil; prints `<nil>`.
    case null
    /// A missing map entry or an undefined field under `missingkey=default`; prints `<no value>`.
    case noValue
    case string(String)
    /// A string marked safe for HTML (`safeHtml`); prints as-is.
    case html(String)
    case float(Double)
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    /// `map[string]string`: a missing key yields `""` under `missingkey=zero`.
    case stringMap([String: String])
    /// `map[string]interface{}`: a missing key yields `<no value>`.
    case map([String: TemplateValue])
    /// One query result (`*sample`), with `.Labels` and `.Value`.
    case sample(QuerySample)
    /// A Go `time.Time` in UTC, held as milliseconds since the epoch (Prometheus's `model.Time` precision).
    case time(Int64)
    /// A structured object with fields and methods (the Alertmanager data model).
    case object(any TemplateObject)
}

/// One element of a `query` result: Prometheus's template `sample` struct.
public struct QuerySample: Sendable, Hashable {
    public var labels: [String: String]
    public var value: Double

    public init(labels: [String: String], value: Double) {
        self.labels = labels
        self.value = value
    }
}

/// A value with named fields and methods, reached with `.Name` in a template.
public protocol TemplateObject: Sendable {
    /// Go's type name, used in error messages (`template.Data`).
    var typeName: String { get }
    /// Returns the field or the result of calling the method `name`, or `nil` when there is no such member.
    func member(_ name: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue?
    /// Go's `%v` rendering.
    var goString: String { get }
    /// Elements when the Go type is a slice (`range`, `len`, `index`), else nil.
    var listElements: [TemplateValue]? { get }
    /// Entries when the Go type is a `map[string]string` (`range`, `len`, `index`, `.key`), else nil.
    var mapEntries: [String: String]? { get }
}

extension TemplateObject {
    public var listElements: [TemplateValue]? { nil }
    public var mapEntries: [String: String]? { nil }
}

extension TemplateValue {
    /// Go's truth: false, 0, nil, and empty strings, lists and maps are false.
    var isTruthy: Bool {
        switch self {
        case .null, .noValue: return false
        case .string(let s), .html(let s): return !s.isEmpty
        case .float(let f): return f != 0
        case .int(let i): return i != 0
        case .bool(let b): return b
        case .list(let l): return !l.isEmpty
        case .stringMap(let m): return !m.isEmpty
        case .map(let m): return !m.isEmpty
        case .sample, .time: return true
        case .object(let o):
            if let l = o.listElements { return !l.isEmpty }
            if let m = o.mapEntries { return !m.isEmpty }
            return true
        }
    }

    /// Whether Go's `fmt` treats this as a string operand (for `print`'s spacing rule).
    var isString: Bool {
        switch self {
        case .string, .html: return true
        default: return false
        }
    }

    /// Go's type name, for error messages.
    var goTypeName: String {
        switch self {
        case .null, .noValue: return "<nil>"
        case .string: return "string"
        case .html: return "template.HTML"
        case .float: return "float64"
        case .int: return "int"
        case .bool: return "bool"
        case .list: return "[]interface {}"
        case .stringMap: return "map[string]string"
        case .map: return "map[string]interface {}"
        case .sample: return "*template.sample"
        case .time: return "time.Time"
        case .object(let o): return o.typeName
        }
    }

    /// Go's `fmt.Sprint` of a single value (`%v`).
    public var goString: String {
        switch self {
        case .null: return "<nil>"
        case .noValue: return "<no value>"
        case .string(let s), .html(let s): return s
        case .float(let f): return GoFloat.format(f, verb: "g", precision: -1)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return "[" + l.map { $0.goString }.joined(separator: " ") + "]"
        case .stringMap(let m):
            return "map[" + m.keys.sorted().map { "\($0):\(m[$0] ?? "")" }.joined(separator: " ") + "]"
        case .map(let m):
            return "map[" + m.keys.sorted().map { "\($0):\(m[$0]?.goString ?? "")" }.joined(separator: " ") + "]"
        case .sample(let s):
            return "&{" + TemplateValue.stringMap(s.labels).goString + " " + TemplateValue.float(s.value).goString + "}"
        case .time(let t): return GoTime.string(milliseconds: t)
        case .object(let o): return o.goString
        }
    }
}

extension TemplateValue: Equatable {
    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null), (.noValue, .noValue): return true
        case (.string(let a), .string(let b)), (.html(let a), .html(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.stringMap(let a), .stringMap(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        case (.sample(let a), .sample(let b)): return a == b
        case (.time(let a), .time(let b)): return a == b
        case (.object(let a), .object(let b)): return a.goString == b.goString
        default: return false
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
