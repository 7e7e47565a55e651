/// Tracks whether the last value was a short decimal (`m / 10^scale`, `|m| < 2^53`, `scale` 0...4, reproducing the
/// value's exact bits) and the delta of `m` from the value before, so values can be stored as a delta-of-delta of
/// integers instead of an XOR when that is shorter.
///
/// Exporters print most values with few decimals (counters as integers, gauges with `%.2f`); for those, the
/// integer delta-of-delta takes a handful of bits where the XOR of two doubles takes 15–50. Encoder and decoder run
/// the same `update` after every sample, so the state never has to be stored.
struct DecimalState: Sendable {
    /// -1 when the last value is not a short decimal.
    private(set) var scale: Int = -1
    private(set) var mantissa: Int64 = 0
    private(set) var delta: Int64 = 0

    @inline(__always)
    static func power(_ scale: Int) -> Double {
        switch scale {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1000
        default: return 10000
        }
    }

    /// `m` such that `Double(m) / 10^scale` has exactly the bits of `v`, if any.
    @inline(__always)
    static func mantissa(of v: Double, scale: Int) -> Int64? {
        let p = power(scale)
        let x = (v * p).rounded()
        // Also rejects NaN and infinities.
        guard x.magnitude < 9_007_199_254_740_992 else { return nil }
        let m = Int64(x)
        guard (Double(m) / p).bitPattern == v.bitPattern else { return nil }
        return m
    }

    /// The value `Double(m) / 10^scale` for the current scale.
    @inline(__always)
    func value(mantissa m: Int64) -> Double {
        Double(m) / Self.power(scale)
    }

    /// The integer delta-of-delta storing `v` at the current scale, or `nil` when `v` is not a short decimal at
    /// that scale.
    @inline(__always)
    func deltaOfDelta(for v: Double) -> Int64? {
        guard scale >= 0, let m = Self.mantissa(of: v, scale: scale) else { return nil }
        return (m &- mantissa) &- delta
    }

    /// Records the value `m / 10^scale` at the current scale (a sample stored as a decimal delta-of-delta).
    @inline(__always)
    mutating func advance(to m: Int64) {
        delta = m &- mantissa
        mantissa = m
    }

    /// Records `v` as the last value; `unchanged` when its bits equal the previous value's.
    @inline(__always)
    mutating func update(_ v: Double, unchanged: Bool) {
        if unchanged {
            if scale >= 0 { delta = 0 }
            return
        }
        if scale >= 0, let m = Self.mantissa(of: v, scale: scale) {
            delta = m &- mantissa
            mantissa = m
            return
        }
        for candidate in 0...4 where candidate != scale {
            if let m = Self.mantissa(of: v, scale: candidate) {
                scale = candidate
                mantissa = m
                delta = 0
                return
            }
        }
        scale = -1
        delta = 0
    }
}
