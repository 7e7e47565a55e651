import KlaxonModel
public import KlaxonStorage

/// Where a remote-write queue stands in the WAL: every sample before `sent` was sent (or dropped as
/// unrecoverable); `snapshot` is the last snapshot record before it, where reading starts again to learn the
/// series. Saved in `<storage.path>/remote/<queue name>` (`DurableFile` framing).
public struct RemoteWriteProgress: Sendable, Equatable {
    public var snapshot: WALPosition
    public var sent: WALPosition

    public init(snapshot: WALPosition, sent: WALPosition) {
        self.snapshot = snapshot
        self.sent = sent
    }

    static let magic = Array("KLXRWP01".utf8)

    func save(_ path: String) throws(PersistenceError) {
        var payload: [UInt8] = []
        for value in [snapshot.segment, snapshot.offset, sent.segment, sent.offset] {
            var v = UInt64(max(0, value))
            for _ in 0..<8 {
                payload.append(UInt8(truncatingIfNeeded: v))
                v >>= 8
            }
        }
        try DurableFile.write(payload, magic: Self.magic, to: path, sync: false)
    }

    /// The saved position, nil when there is none, or why it cannot be read.
    static func load(_ path: String) -> Result<RemoteWriteProgress?, PersistenceError> {
        do throws(PersistenceError) {
            guard let payload = try DurableFile.read(path, magic: magic) else { return .success(nil) }
            guard payload.count == 32 else { return .failure(PersistenceError(.io, "\(path): bad length")) }
            var values: [Int] = []
            for field in 0..<4 {
                var v: UInt64 = 0
                for byte in 0..<8 { v |= UInt64(payload[field * 8 + byte]) << UInt64(8 * byte) }
                values.append(Int(truncatingIfNeeded: v))
            }
            return .success(
                RemoteWriteProgress(
                    snapshot: WALPosition(segment: values[0], offset: values[1]),
                    sent: WALPosition(segment: values[2], offset: values[3])
                )
            )
        } catch {
            return .failure(error)
        }
    }
}
