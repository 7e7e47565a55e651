/// Alertmanager's `template.KV`: a label or annotation set (`map[string]string`) with the methods
/// `SortedPairs`, `Names`, `Values` and `Remove`.
public struct TemplateKV: TemplateObject, Hashable {
    public var entries: [String: String]

    public init(_ entries: [String: String]) {
        self.entries = entries
    }

    public var typeName: String { "template.KV" }
    public var mapEntries: [String: String]? { entries }
    public var goString: String { TemplateValue.stringMap(entries).goString }

    /// Pairs sorted by name, with `alertname` first as Alertmanager does.
    public var sortedPairs: [(name: String, value: String)] {
        var names = entries.keys.sorted()
        if let index = names.firstIndex(of: "alertname") {
            names.remove(at: index)
            names.insert("alertname", at: 0)
        }
        return names.map { ($0, entries[$0] ?? "") }
    }

    public func member(_ name: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue? {
        switch name {
        case "SortedPairs":
            try TemplateKV.noArguments(name, arguments)
            return .object(TemplatePairs(pairs: sortedPairs.map { TemplatePair(name: $0.name, value: $0.value) }))
        case "Names":
            try TemplateKV.noArguments(name, arguments)
            return .list(sortedPairs.map { .string($0.name) })
        case "Values":
            try TemplateKV.noArguments(name, arguments)
            return .list(sortedPairs.map { .string($0.value) })
        case "Remove":
            guard arguments.count == 1 else {
                throw .function("wrong number of args for Remove: want 1 got \(arguments.count)")
            }
            var copy = entries
            for key in try arguments[0].asStringList() { copy[key] = nil }
            return .object(TemplateKV(copy))
        default:
            return nil
        }
    }

    static func noArguments(_ name: String, _ arguments: [TemplateValue]) throws(TemplateError) {
        if !arguments.isEmpty { throw .function("wrong number of args for \(name): want 0 got \(arguments.count)") }
    }
}

/// Alertmanager's `template.Pair`.
public struct TemplatePair: TemplateObject, Hashable {
    public var name: String
    public var value: String

    public var typeName: String { "template.Pair" }
    public var goString: String { "{\(name) \(value)}" }

    public func member(_ member: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue? {
        switch member {
        case "Name": return .string(name)
        case "Value": return .string(value)
        default: return nil
        }
    }
}

/// Alertmanager's `template.Pairs`: a slice of pairs with `Names` and `Values`.
public struct TemplatePairs: TemplateObject {
    public var pairs: [TemplatePair]

    public var typeName: String { "template.Pairs" }
    public var goString: String { "[" + pairs.map(\.goString).joined(separator: " ") + "]" }
    public var listElements: [TemplateValue]? { pairs.map { .object($0) } }

    public func member(_ name: String, arguments: [TemplateValue]) throws(TemplateError) -> TemplateValue? {
        switch name {
        case "Names":
            try TemplateKV.noArguments(name, arguments)
            return .list(pairs.map { .string($0.name) })
        case "Values":
            try TemplateKV.noArguments(name, arguments)
            return .list(pairs.map { .string($0.value) })
        default: return nil
        }
    }
}
