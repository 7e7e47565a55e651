/// FNV-1a, 64 bits (Go's `hash/fnv.New64a`): label-set fingerprints (Alertmanager's and Prometheus's
/// `model.LabelSet.Fingerprint`), Prometheus's target spreading and scrape jitter seed, the scrape ref cache and
/// the router's state-file checksums. Inlinable: the scrape ref cache hashes every exposed series with it.
public enum FNV1a64 {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x100_0000_01b3

    @inlinable @inline(__always)
    public static func add(_ byte: UInt8, to hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    @inlinable @inline(__always)
    public static func add<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to hash: UInt64) -> UInt64 {
        var value = hash
        for byte in bytes { value = add(byte, to: value) }
        return value
    }

    /// The hash of the parts' bytes one after the other.
    public static func hash(_ parts: String.UTF8View...) -> UInt64 {
        parts.reduce(offsetBasis) { add($1, to: $0) }
    }
}
