import KlaxonModel

/// The inverted index: for each label name and value, the sorted refs of the series that carry it.
/// Matchers are answered from the label values (one regex test per distinct value, not per series).
struct Postings {
    private(set) var index: [String: [String: [SeriesRef]]] = [:]
    private(set) var all: [SeriesRef] = []

    mutating func add(_ ref: SeriesRef, _ labels: Labels) {
        insertSorted(&all, ref)
        for label in labels {
            insertSorted(&index[label.name, default: [:]][label.value, default: []], ref)
        }
    }

    mutating func remove(_ ref: SeriesRef, _ labels: Labels) {
        removeSorted(&all, ref)
        for label in labels {
            guard var values = index[label.name], var refs = values[label.value] else { continue }
            removeSorted(&refs, ref)
            if refs.isEmpty {
                values[label.value] = nil
            } else {
                values[label.value] = refs
            }
            index[label.name] = values.isEmpty ? nil : values
        }
    }

    /// Refs of series matching every matcher, sorted.
    func select(_ matchers: [LabelMatcher]) -> [SeriesRef] {
        var positive: [[SeriesRef]] = []
        var negative: [[SeriesRef]] = []
        for matcher in matchers {
            let values = index[matcher.name] ?? [:]
            if matcher.matchesEmpty {
                // Series lacking the label match too: subtract the series whose value fails the matcher.
                var failing: [[SeriesRef]] = []
                for (value, refs) in values where !matcher.matches(value) { failing.append(refs) }
                negative.append(Self.union(failing))
            } else if let literals = matcher.setMatches {
                positive.append(Self.union(literals.compactMap { values[$0] }))
            } else {
                var matching: [[SeriesRef]] = []
                for (value, refs) in values where matcher.matches(value) { matching.append(refs) }
                positive.append(Self.union(matching))
            }
        }
        var result: [SeriesRef]
        if positive.isEmpty {
            result = all
        } else {
            positive.sort { $0.count < $1.count }
            result = positive[0]
            for list in positive.dropFirst() {
                if result.isEmpty { break }
                result = Self.intersect(result, list)
            }
        }
        for list in negative where !list.isEmpty && !result.isEmpty {
            result = Self.subtract(result, list)
        }
        return result
    }

    func labelNames() -> [String] { index.keys.sorted() }

    func labelValues(_ name: String) -> [String] { (index[name] ?? [:]).keys.sorted() }

    static func union(_ lists: [[SeriesRef]]) -> [SeriesRef] {
        if lists.count == 1 { return lists[0] }
        var merged = lists.flatMap { $0 }
        merged.sort()
        var result: [SeriesRef] = []
        result.reserveCapacity(merged.count)
        for ref in merged where result.last != ref { result.append(ref) }
        return result
    }

    static func intersect(_ a: [SeriesRef], _ b: [SeriesRef]) -> [SeriesRef] {
        var result: [SeriesRef] = []
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                result.append(a[i])
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }

    static func subtract(_ a: [SeriesRef], _ b: [SeriesRef]) -> [SeriesRef] {
        var result: [SeriesRef] = []
        var j = 0
        for ref in a {
            while j < b.count && b[j] < ref { j += 1 }
            if j < b.count && b[j] == ref { continue }
            result.append(ref)
        }
        return result
    }

    private func insertSorted(_ array: inout [SeriesRef], _ ref: SeriesRef) {
        if let last = array.last, last < ref {
            array.append(ref)
            return
        }
        let position = lowerBound(array, ref)
        if position < array.count && array[position] == ref { return }
        array.insert(ref, at: position)
    }

    private func removeSorted(_ array: inout [SeriesRef], _ ref: SeriesRef) {
        let position = lowerBound(array, ref)
        if position < array.count && array[position] == ref { array.remove(at: position) }
    }

    private func lowerBound(_ array: [SeriesRef], _ ref: SeriesRef) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let mid = (low + high) / 2
            if array[mid] < ref { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
