import KlaxonModel

/// The inverted index: for every label name and value, the sorted raw ids of the series carrying it.
///
/// Not thread-safe on its own; `Head` guards it with a mutex.
struct Postings: Sendable {
    private(set) var byName: [String: [String: [UInt64]]] = [:]
    private(set) var all: [UInt64] = []

    var count: Int { all.count }

    mutating func insert(_ id: UInt64, _ labels: Labels) {
        Self.insertSorted(id, into: &all)
        for label in labels {
            // Ids are allocated increasingly, so this appends except under creation races.
            Self.insertSorted(id, into: &byName[label.name, default: [:]][label.value, default: []])
        }
    }

    /// Removes a batch of series in one pass over the lists they appear in (O(lists touched), not per series).
    mutating func remove(_ series: [(id: UInt64, labels: Labels)]) {
        guard !series.isEmpty else { return }
        let ids = Set(series.map(\.id))
        all.removeAll { ids.contains($0) }
        var touched: [String: Set<String>] = [:]
        for entry in series {
            for label in entry.labels { touched[label.name, default: []].insert(label.value) }
        }
        for (name, values) in touched {
            guard var lists = byName[name] else { continue }
            for value in values {
                guard var list = lists[value] else { continue }
                list.removeAll { ids.contains($0) }
                lists[value] = list.isEmpty ? nil : list
            }
            byName[name] = lists.isEmpty ? nil : lists
        }
    }

    /// The ids of the series that satisfy all matchers, ascending. Regexes are evaluated once per distinct label
    /// value, never once per series.
    func resolve(_ matchers: [LabelMatcher]) -> [UInt64] {
        var result: [UInt64]?
        // Matchers that reject the empty value select from the series that have the label.
        for matcher in matchers where !matcher.matchesEmpty {
            let lists = matchingLists(matcher, wantMatch: true)
            let union = Self.union(lists)
            result = result.map { Self.intersect($0, union) } ?? union
            if result?.isEmpty == true { return [] }
        }
        var current = result ?? all
        // Matchers that accept the empty value: drop the series whose (non-empty) value does not match.
        for matcher in matchers where matcher.matchesEmpty {
            let lists = matchingLists(matcher, wantMatch: false)
            if lists.isEmpty { continue }
            current = Self.subtract(current, Self.union(lists))
            if current.isEmpty { return [] }
        }
        return current
    }

    private func matchingLists(_ matcher: LabelMatcher, wantMatch: Bool) -> [[UInt64]] {
        guard let values = byName[matcher.name] else { return [] }
        if wantMatch, let literals = matcher.setMatches {
            return literals.compactMap { values[$0] }
        }
        var lists: [[UInt64]] = []
        for (value, list) in values where matcher.matches(value) == wantMatch {
            lists.append(list)
        }
        return lists
    }

    static func insertSorted(_ id: UInt64, into list: inout [UInt64]) {
        if let last = list.last, last > id {
            let index = lowerBound(list, id)
            if index < list.count, list[index] == id { return }
            list.insert(id, at: index)
        } else if list.last != id {
            list.append(id)
        }
    }

    static func lowerBound(_ list: [UInt64], _ id: UInt64) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func union(_ lists: [[UInt64]]) -> [UInt64] {
        if lists.count == 1 { return lists[0] }
        var merged: [UInt64] = []
        merged.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists { merged.append(contentsOf: list) }
        merged.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(merged.count)
        for id in merged where unique.last != id { unique.append(id) }
        return unique
    }

    static func intersect(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
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

    static func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(a.count)
        var j = 0
        for id in a {
            while j < b.count, b[j] < id { j += 1 }
            if j < b.count, b[j] == id { continue }
            result.append(id)
        }
        return result
    }
}
