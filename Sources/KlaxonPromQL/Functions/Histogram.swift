import KlaxonModel

struct Bucket {
    var upperBound: Double
    var count: Double
}

extension Evaluator {
    /// `histogram_quantile(φ, buckets)` over classic `le` buckets.
    mutating func histogramQuantile(_ args: [Expr], at t: Timestamp) throws(QueryError) -> [Element] {
        let q = try evalScalar(args[0], at: t)
        let input = try evalVector(args[1], at: t)
        // Grouped with the metric name (different histograms never merge), output without it.
        var table = GroupTable(keyer: GroupKeyer(names: [LabelName.bucket], without: true))
        var groups: [[Bucket]] = []
        for e in input {
            guard let le = e.labels.value(of: LabelName.bucket), let bound = parseGoFloat(le) else { continue }
            let (i, isNew) = table.group(of: e.labels)
            if isNew {
                groups.append([Bucket(upperBound: bound, count: e.v)])
            } else {
                groups[i].append(Bucket(upperBound: bound, count: e.v))
            }
        }
        let keys = table.keys
        var out: [Element] = []
        out.reserveCapacity(keys.count)
        for i in keys.indices {
            out.append(
                Element(
                    labels: keys[i].withoutMetricName,
                    v: bucketQuantile(q, groups[i], mode3: options.mode == .prometheus3),
                    t: t
                )
            )
        }
        return try checkedUnique(out)
    }
}

func parseGoFloat(_ text: String) -> Double? {
    let trimmed = text
    if let v = Double(trimmed) { return v }
    return nil
}

func bucketQuantile(_ q: Double, _ input: [Bucket], mode3: Bool) -> Double {
    if q.isNaN { return .nan }
    if q < 0 { return -.infinity }
    if q > 1 { return .infinity }
    var buckets = input.sorted { $0.upperBound < $1.upperBound }
    guard let last = buckets.last, last.upperBound == .infinity else { return .nan }
    // Merge buckets with equal bounds.
    var merged: [Bucket] = []
    merged.reserveCapacity(buckets.count)
    for b in buckets {
        if let l = merged.last, l.upperBound == b.upperBound {
            merged[merged.count - 1].count += b.count
        } else {
            merged.append(b)
        }
    }
    buckets = merged
    if mode3 {
        var prev = buckets[0].count
        for i in 1..<buckets.count {
            let curr = buckets[i].count
            if curr == prev { continue }
            if almostEqual(prev, curr, tolerance: 1e-12) || curr < prev {
                buckets[i].count = prev
                continue
            }
            prev = curr
        }
    } else {
        var maximum = -Double.infinity
        for i in buckets.indices {
            if buckets[i].count > maximum {
                maximum = buckets[i].count
            } else if buckets[i].count < maximum {
                buckets[i].count = maximum
            }
        }
    }
    if buckets.count < 2 { return .nan }
    let observations = buckets[buckets.count - 1].count
    if observations == 0 { return .nan }
    var rank = q * observations
    var b = 0
    while b < buckets.count - 1 && !(buckets[b].count >= rank) { b += 1 }
    if b == buckets.count - 1 { return buckets[buckets.count - 2].upperBound }
    if b == 0 && buckets[0].upperBound <= 0 { return buckets[0].upperBound }
    var bucketStart = 0.0
    let bucketEnd = buckets[b].upperBound
    var count = buckets[b].count
    if b > 0 {
        bucketStart = buckets[b - 1].upperBound
        count -= buckets[b - 1].count
        rank -= buckets[b - 1].count
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count)
}

/// Relative comparison as Prometheus `almost.Equal`.
func almostEqual(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
    if a.isNaN && b.isNaN { return true }
    if a == b { return true }
    let minNormal = Double(bitPattern: 0x0010_0000_0000_0000)
    let diff = abs(a - b)
    if a == 0 || b == 0 || diff < minNormal { return diff < tolerance * minNormal }
    return diff / min(abs(a) + abs(b), Double.greatestFiniteMagnitude) < tolerance
}
