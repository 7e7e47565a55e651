/// Go's predefined template functions (`text/template/funcs.go`), except `and`/`or`, which the executor
/// evaluates lazily.
public enum BuiltinFunctions {
    public static let all: TemplateFunctions = {
        var f = TemplateFunctions()
        f.register("not", arity: 1) { .bool(!$0[0].isTruthy) }
        f.register("len", arity: 1) { args throws(TemplateError) in
            switch args[0] {
            case .string(let s), .html(let s): return .int(s.utf8.count)
            case .list(let l): return .int(l.count)
            case .stringMap(let m): return .int(m.count)
            case .map(let m): return .int(m.count)
            case .object(let o) where o.listElements != nil: return .int(o.listElements?.count ?? 0)
            case .object(let o) where o.mapEntries != nil: return .int(o.mapEntries?.count ?? 0)
            default: throw .function("len of type \(args[0].goTypeName)")
            }
        }
        f.register("index", arity: 1, variadic: true) { args throws(TemplateError) in try index(args) }
        f.register("slice", arity: 1, variadic: true) { args throws(TemplateError) in try slice(args) }
        f.register("print", arity: 0, variadic: true) { .string(GoPrintf.sprint($0)) }
        f.register("println", arity: 0, variadic: true) { .string(GoPrintf.sprintln($0)) }
        f.register("printf", arity: 1, variadic: true) { args throws(TemplateError) in
            .string(GoPrintf.sprintf(try args[0].asString(), Array(args.dropFirst())))
        }
        f.register("html", arity: 0, variadic: true) { .string(Escaping.html(evalArgs($0))) }
        f.register("js", arity: 0, variadic: true) { .string(Escaping.js(evalArgs($0))) }
        f.register("urlquery", arity: 0, variadic: true) { .string(Escaping.queryEscape(evalArgs($0))) }
        f.register("eq", arity: 1, variadic: true) { args throws(TemplateError) in
            if args.count < 2 { throw .function("missing argument for comparison") }
            for other in args.dropFirst() {
                if try Comparison.equal(args[0], other) { return .bool(true) }
            }
            return .bool(false)
        }
        f.register("ne", arity: 2) { args throws(TemplateError) in .bool(!(try Comparison.equal(args[0], args[1]))) }
        f.register("lt", arity: 2) { args throws(TemplateError) in .bool(try Comparison.less(args[0], args[1])) }
        f.register("le", arity: 2) { args throws(TemplateError) in
            let less = try Comparison.less(args[0], args[1])
            let equal = try Comparison.equal(args[0], args[1])
            return .bool(less || equal)
        }
        f.register("gt", arity: 2) { args throws(TemplateError) in
            let less = try Comparison.less(args[0], args[1])
            let equal = try Comparison.equal(args[0], args[1])
            return .bool(!less && !equal)
        }
        f.register("ge", arity: 2) { args throws(TemplateError) in .bool(!(try Comparison.less(args[0], args[1]))) }
        return f
    }()

    /// Go's `evalArgs`: a single string argument as-is, otherwise `fmt.Sprint` of all.
    static func evalArgs(_ args: [TemplateValue]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoPrintf.sprint(args)
    }

    private static func index(_ args: [TemplateValue]) throws(TemplateError) -> TemplateValue {
        var item = args[0]
        if case .object(let o) = item {
            if let l = o.listElements { item = .list(l) } else if let m = o.mapEntries { item = .stringMap(m) }
        }
        if case .null = item { throw .function("index of untyped nil") }
        for key in args.dropFirst() {
            switch item {
            case .list(let list):
                guard case .int(let i) = key else {
                    throw .function("cannot index slice/array with type \(key.goTypeName)")
                }
                guard i >= 0 && i < list.count else { throw .function("index out of range: \(i)") }
                item = list[i]
            case .string(let s):
                guard case .int(let i) = key else {
                    throw .function("cannot index slice/array with type \(key.goTypeName)")
                }
                let bytes = Array(s.utf8)
                guard i >= 0 && i < bytes.count else { throw .function("index out of range: \(i)") }
                item = .int(Int(bytes[i]))
            case .stringMap(let map):
                guard case .string(let k) = key else {
                    throw .function("value has type \(key.goTypeName); should be string")
                }
                item = .string(map[k] ?? "")
            case .map(let map):
                guard case .string(let k) = key else {
                    throw .function("value has type \(key.goTypeName); should be string")
                }
                item = map[k] ?? .noValue
            case .noValue, .null:
                throw .function("index of untyped nil")
            default:
                throw .function("can't index item of type \(item.goTypeName)")
            }
        }
        return item
    }

    private static func slice(_ args: [TemplateValue]) throws(TemplateError) -> TemplateValue {
        if args.count > 4 { throw .function("too many slice indexes: \(args.count - 1)") }
        var bounds: [Int] = []
        for arg in args.dropFirst() {
            guard case .int(let i) = arg else {
                throw .function("cannot index slice/array with type \(arg.goTypeName)")
            }
            bounds.append(i)
        }
        func check(_ count: Int, capacity: Int) throws(TemplateError) -> (Int, Int) {
            let low = bounds.count > 0 ? bounds[0] : 0
            let high = bounds.count > 1 ? bounds[1] : count
            if low < 0 || low > capacity { throw .function("index out of range: \(low)") }
            if high < 0 || high > capacity { throw .function("index out of range: \(high)") }
            if low > high { throw .function("invalid slice index: \(low) > \(high)") }
            return (low, high)
        }
        switch args[0] {
        case .string(let s):
            if bounds.count == 3 { throw .function("cannot 3-index slice a string") }
            let bytes = Array(s.utf8)
            let (low, high) = try check(bytes.count, capacity: bytes.count)
            return .string(String(decoding: bytes[low..<high], as: UTF8.self))
        case .list(let list):
            let (low, high) = try check(list.count, capacity: list.count)
            return .list(Array(list[low..<high]))
        case .null, .noValue: throw .function("slice of untyped nil")
        default: throw .function("can't slice item of type \(args[0].goTypeName)")
        }
    }
}

/// Go's `eq`/`lt` rules: only basic kinds compare; kinds must match.
enum Comparison {
    private enum Basic {
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
    }

    private static func basic(_ value: TemplateValue) -> Basic? {
        switch value {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let f): return .float(f)
        case .string(let s), .html(let s): return .string(s)
        default: return nil
        }
    }

    static func equal(_ a: TemplateValue, _ b: TemplateValue) throws(TemplateError) -> Bool {
        guard let x = basic(a) else {
            switch a {
            case .null, .noValue:
                if case .null = b { return true }
                if case .noValue = b { return true }
                return false
            default: throw .function("invalid type for comparison")
            }
        }
        guard let y = basic(b) else {
            if case .null = b { return false }
            throw .function("invalid type for comparison")
        }
        switch (x, y) {
        case (.bool(let p), .bool(let q)): return p == q
        case (.int(let p), .int(let q)): return p == q
        case (.float(let p), .float(let q)): return p == q
        case (.string(let p), .string(let q)): return p == q
        default: throw .function("incompatible types for comparison")
        }
    }

    static func less(_ a: TemplateValue, _ b: TemplateValue) throws(TemplateError) -> Bool {
        guard let x = basic(a), let y = basic(b) else { throw .function("invalid type for comparison") }
        switch (x, y) {
        case (.bool, .bool): throw .function("invalid type for comparison")
        case (.int(let p), .int(let q)): return p < q
        case (.float(let p), .float(let q)): return p < q
        case (.string(let p), .string(let q)): return p < q
        default: throw .function("incompatible types for comparison")
        }
    }
}
