/// A map from a WAL series sequence number to a non-zero value: replay's ref of the recovered series, a
/// remote-write queue's series index.
///
/// Sequence numbers are dense (a head counts them from 1), so they index a flat array; values beyond
/// `denseLimit` (a damaged or very long lineage) fall back to a dictionary. 0 means "unknown".
public struct RefMap: Sendable {
    static let denseLimit: UInt64 = 1 << 22
    private var dense: [UInt64] = []
    private var sparse: [UInt64: UInt64] = [:]

    public init() {}

    /// Forgets every entry, keeping the flat array's capacity.
    public mutating func removeAll() {
        for index in dense.indices { dense[index] = 0 }
        sparse.removeAll()
    }

    public subscript(sequence: UInt64) -> UInt64? {
        get {
            if sequence < UInt64(dense.count) {
                let raw = dense[Int(sequence)]
                return raw == 0 ? nil : raw
            }
            return sequence < Self.denseLimit ? nil : sparse[sequence]
        }
        set {
            if sequence < Self.denseLimit {
                let index = Int(sequence)
                if index >= dense.count {
                    dense.append(
                        contentsOf: repeatElement(0, count: Swift.max(index + 1, dense.count * 2) - dense.count)
                    )
                }
                dense[index] = newValue ?? 0
            } else {
                sparse[sequence] = newValue
            }
        }
    }
}
