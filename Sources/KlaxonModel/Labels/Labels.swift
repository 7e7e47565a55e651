/// An immutable label set, sorted by name, names unique.
///
/// Equality and hashing are by content. `fingerprint` is the 64-bit FNV-1a hash that Prometheus's
/// `model.LabelSet.Fingerprint` and Alertmanager use (names and values separated by `0xff`), so it can be
/// printed wherever they print one.
public struct Labels: Hashable, Sendable, RandomAccessCollection, CustomStringConvertible,
    ExpressibleByDictionaryLiteral
{
    public private(set) var storage: [Label]

    public static let empty = Labels()

    public init() { storage = [] }

    /// Builds a label set from pairs in any order; a later duplicate name wins. Empty values are dropped,
    /// as Prometheus treats an empty label value as an absent label.
    public init(_ labels: [Label]) {
        var sorted = labels.filter { !$0.value.isEmpty }
        sorted.sort { $0.name < $1.name }
        var unique: [Label] = []
        unique.reserveCapacity(sorted.count)
        for label in sorted {
            if let last = unique.last, last.name == label.name {
                unique[unique.count - 1] = label
            } else {
                unique.append(label)
            }
        }
        storage = unique
    }

    /// Builds from already sorted, unique, non-empty labels without checking (hot paths).
    public init(sortedUnchecked labels: [Label]) {
        storage = labels
    }

    public init(_ dictionary: [String: String]) {
        self.init(dictionary.map { Label($0.key, $0.value) })
    }

    public init(dictionaryLiteral pairs: (String, String)...) {
        self.init(pairs.map { Label($0.0, $0.1) })
    }

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }
    public subscript(position: Int) -> Label { storage[position] }

    /// The value of `name`, or `""` when absent (Prometheus's convention).
    public subscript(name: String) -> String {
        self.value(of: name) ?? ""
    }

    public func value(of name: String) -> String? {
        var low = 0
        var high = storage.count
        while low < high {
            let mid = (low + high) / 2
            let candidate = storage[mid].name
            if candidate == name { return storage[mid].value }
            if candidate < name { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    public func has(_ name: String) -> Bool { value(of: name) != nil }

    public var metricName: String { self[LabelName.metricName] }

    /// Returns a copy with `name` set to `value` (removed when `value` is empty).
    public func setting(_ name: String, to value: String) -> Labels {
        var result = storage.filter { $0.name != name }
        if !value.isEmpty {
            let index = result.firstIndex { $0.name > name } ?? result.count
            result.insert(Label(name, value), at: index)
        }
        return Labels(sortedUnchecked: result)
    }

    public func removing(_ name: String) -> Labels {
        Labels(sortedUnchecked: storage.filter { $0.name != name })
    }

    public func removing(_ names: Set<String>) -> Labels {
        Labels(sortedUnchecked: storage.filter { !names.contains($0.name) })
    }

    public func keeping(_ names: Set<String>) -> Labels {
        Labels(sortedUnchecked: storage.filter { names.contains($0.name) })
    }

    public var withoutMetricName: Labels { removing(LabelName.metricName) }

    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for label in storage { result[label.name] = label.value }
        return result
    }

    /// FNV-1a 64 over `name 0xff value 0xff` for each label in order, as Prometheus `model.LabelSet.Fingerprint`.
    public var fingerprint: UInt64 {
        var hash = FNV1a64.offsetBasis
        for label in storage {
            hash = FNV1a64.add(0xff, to: FNV1a64.add(label.name.utf8, to: hash))
            hash = FNV1a64.add(0xff, to: FNV1a64.add(label.value.utf8, to: hash))
        }
        return hash
    }

    /// Prometheus's `labels.Labels.String()`: `{a="b", c="d"}` with Go-quoted values.
    public var description: String {
        var out = "{"
        for (index, label) in storage.enumerated() {
            if index > 0 { out += ", " }
            out += label.name
            out += "="
            out += goQuote(label.value)
        }
        out += "}"
        return out
    }

    /// The form used in PromQL output and the test scripts: `name{a="b"}`, or `{a="b"}` without a name.
    public var seriesDescription: String {
        let name = metricName
        let rest = withoutMetricName
        if name.isEmpty { return rest.description }
        if rest.isEmpty { return name }
        return name + rest.description
    }
}
