/// One sample: a timestamp in milliseconds and a value.
public struct Sample: Hashable, Sendable {
    public var t: Timestamp
    public var v: Double

    @inlinable
    public init(t: Timestamp, v: Double) {
        self.t = t
        self.v = v
    }

    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.t == rhs.t && lhs.v.bitPattern == rhs.v.bitPattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(t)
        hasher.combine(v.bitPattern)
    }
}

/// Prometheus's staleness marker: a NaN with a payload that ordinary arithmetic never produces.
public enum StaleNaN {
    public static let bitPattern: UInt64 = 0x7ff0_0000_0000_0002
    public static let value = Double(bitPattern: bitPattern)

    @inlinable
    public static func isStale(_ value: Double) -> Bool {
        value.bitPattern == 0x7ff0_0000_0000_0002
    }
}
