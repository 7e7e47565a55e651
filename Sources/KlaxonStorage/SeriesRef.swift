/// A stable handle on one stored series, valid until the series is dropped by retention.
///
/// The raw value packs a creation sequence number (high bits, so refs sort by creation), the slot in its stripe's
/// slab and the stripe. A ref whose series was dropped never matches a later series: appending through it is
/// rejected as `unknownSeries`, and the caller resolves the labels again.
public struct SeriesRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let raw: UInt64

    static let stripeBits: UInt64 = 4
    static let slotBits: UInt64 = 24
    static let stripeCount = 1 << Int(stripeBits)
    static let maxSlots = 1 << Int(slotBits)

    init(raw: UInt64) { self.raw = raw }

    /// The ref handed out for a series refused by the series limit: sequence 0 (never a live series' id), so
    /// appends through it are rejected as `.seriesLimit`.
    public static let overLimit = SeriesRef(raw: UInt64(maxSlots - 1) << stripeBits)

    /// False for `overLimit`.
    public var isStored: Bool { raw != Self.overLimit.raw }

    init(sequence: UInt64, slot: Int, stripe: Int) {
        raw = (sequence << (Self.stripeBits + Self.slotBits)) | (UInt64(slot) << Self.stripeBits) | UInt64(stripe)
    }

    var stripe: Int { Int(raw & UInt64(Self.stripeCount - 1)) }
    var slot: Int { Int((raw >> Self.stripeBits) & UInt64(Self.maxSlots - 1)) }

    public static func < (lhs: SeriesRef, rhs: SeriesRef) -> Bool { lhs.raw < rhs.raw }

    public var description: String { "SeriesRef(\(raw))" }
}
