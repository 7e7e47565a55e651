/// The names of WAL segments (`wal/00000012`) and checkpoints (`checkpoint.00000012`).
package enum PersistenceLayout {
    package static func segmentName(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: Swift.max(0, 8 - digits.count)) + digits
    }

    package static func checkpointName(_ index: Int) -> String { "checkpoint." + segmentName(index) }

    /// The index of a segment file name, or nil for anything else.
    package static func segmentIndex(_ name: String) -> Int? {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(name)
    }

    /// The index of a complete checkpoint directory name (`checkpoint.N`, not `.tmp`).
    package static func checkpointIndex(_ name: String) -> Int? {
        guard name.hasPrefix("checkpoint.") else { return nil }
        return segmentIndex(String(name.dropFirst("checkpoint.".count)))
    }
}
