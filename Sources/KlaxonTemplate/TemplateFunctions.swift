/// A function callable from a template. Arguments arrive evaluated; errors are function errors (the executor
/// adds `error calling <name>: `).
public typealias TemplateFunction = @Sendable ([TemplateValue]) throws(TemplateError) -> TemplateValue

/// A named set of template functions with their arities (Go's `template.FuncMap`).
public struct TemplateFunctions: Sendable {
    struct Entry: Sendable {
        /// Number of fixed parameters.
        var arity: Int
        /// Whether extra arguments are accepted after the fixed ones.
        var variadic: Bool
        var call: TemplateFunction
    }

    var entries: [String: Entry] = [:]

    public init() {}

    /// Registers `name`, replacing any earlier function of that name.
    public mutating func register(
        _ name: String,
        arity: Int,
        variadic: Bool = false,
        _ call: @escaping TemplateFunction
    ) {
        entries[name] = Entry(arity: arity, variadic: variadic, call: call)
    }

    /// Adds every function of `other`, replacing same-named ones.
    public mutating func merge(_ other: TemplateFunctions) {
        entries.merge(other.entries) { _, new in new }
    }

    /// Names known to the parser: these plus the `and`/`or` builtins handled by the executor.
    var names: Set<String> { Set(entries.keys).union(["and", "or"]) }
}

/// Argument conversions with Go's `text/template` error texts.
extension TemplateValue {
    /// The argument as a Go `string` parameter.
    func asString(_ index: Int = 0) throws(TemplateError) -> String {
        switch self {
        case .string(let s), .html(let s): return s
        default:
            throw TemplateError(
                .argumentType(index: index, expected: "string"),
                "wrong type for value; expected string; got \(goTypeName)"
            )
        }
    }

    /// The argument as a Go `[]string` parameter.
    func asStringList() throws(TemplateError) -> [String] {
        switch self {
        case .list(let items):
            var out: [String] = []
            for item in items { out.append(try item.asString()) }
            return out
        case .null: return []
        default: throw .function("wrong type for value; expected []string; got \(goTypeName)")
        }
    }

    /// Prometheus's `convertToFloat`: floats, integers and numeric strings.
    func asFloat() throws(TemplateError) -> Double {
        switch self {
        case .float(let f): return f
        case .int(let i): return Double(i)
        case .string(let s), .html(let s):
            if let f = GoParse.parseFloat(s) { return f }
            throw .function("strconv.ParseFloat: parsing \(GoPrintf.quote(s)): invalid syntax")
        default: throw .function("can't convert \(goTypeName) to float")
        }
    }
}

/// Go's `strconv.ParseFloat` accepted syntax (decimal, exponent, `Inf`, `NaN`, underscores excluded).
enum GoParse {
    static func parseFloat(_ text: String) -> Double? {
        switch text.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard !text.isEmpty, !text.contains(where: { $0 == "_" || $0.isWhitespace }) else { return nil }
        if text.lowercased().contains("x") { return nil }
        return Double(text)
    }
}
