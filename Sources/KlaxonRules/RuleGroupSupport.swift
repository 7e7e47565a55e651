import KlaxonModel

/// Go's `url.QueryEscape`.
func goQueryEscape(_ s: String) -> String {
    let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    for c in s.utf8 {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            out.append(c)
        case UInt8(ascii: " "):
            out.append(UInt8(ascii: "+"))
        default:
            out.append(UInt8(ascii: "%"))
            out.append(hex[Int(c >> 4)])
            out.append(hex[Int(c & 0xf)])
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// The base queryable with this evaluation's outputs on top: what later rules of a group see.
struct OverlayQueryable<Base: Queryable>: Queryable {
    var base: Base
    var overlay: MemoryQueryable

    /// The engine's path: when none of this evaluation's outputs match (the usual case: rules read scraped
    /// series), the base store's own flat selection, without a `SeriesSamples` (two arrays) per series.
    func selectFlat(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> FlatSeriesSet {
        if overlay.seriesCount == 0 || overlay.select(matchers, mint: mint, maxt: maxt).isEmpty {
            return base.selectFlat(matchers, mint: mint, maxt: maxt)
        }
        let selected = select(matchers, mint: mint, maxt: maxt)
        var set = FlatSeriesSet()
        set.labels.reserveCapacity(selected.count)
        set.ranges.reserveCapacity(selected.count)
        for series in selected {
            let first = set.timestamps.count
            set.timestamps.append(contentsOf: series.timestamps)
            set.values.append(contentsOf: series.values)
            set.labels.append(series.labels)
            set.ranges.append(first..<set.timestamps.count)
        }
        return set
    }

    func select(_ matchers: [LabelMatcher], mint: Timestamp, maxt: Timestamp) -> [SeriesSamples] {
        let top = overlay.select(matchers, mint: mint, maxt: maxt)
        let bottom = base.select(matchers, mint: mint, maxt: maxt)
        if top.isEmpty { return bottom }
        if bottom.isEmpty { return top }
        var byLabels: [Labels: Int] = [:]
        var result = bottom
        for (index, series) in result.enumerated() { byLabels[series.labels] = index }
        for series in top {
            guard let index = byLabels[series.labels] else {
                result.append(series)
                continue
            }
            var merged = result[index]
            for (t, v) in zip(series.timestamps, series.values) {
                if let position = merged.timestamps.firstIndex(where: { $0 >= t }) {
                    if merged.timestamps[position] == t {
                        merged.values[position] = v
                    } else {
                        merged.timestamps.insert(t, at: position)
                        merged.values.insert(v, at: position)
                    }
                } else {
                    merged.timestamps.append(t)
                    merged.values.append(v)
                }
            }
            result[index] = merged
        }
        return result
    }
}
