import KlaxonModel
import KlaxonRules
import KlaxonStorage
import Synchronization

/// The alert state of every rule group in `<storage.path>/alerts/`, one crash-safe file per group (temporary
/// file, fsync, rename), rewritten only when an evaluation changed the state machine of one of its alerts.
///
/// Thread-safety: any method from any task; each group's loop saves its own file, so writes of different groups
/// never touch the same file.
final class AlertStateStore: Sendable {
    let directory: String
    /// What was last written per group key, to skip unchanged saves.
    private let written = Mutex<[String: SavedGroupState]>([:])
    let saves = Atomic<Int>(0)
    let failures = Atomic<Int>(0)

    init(directory: String) {
        self.directory = directory
    }

    /// The file of a group: a stable hash of `file;name` (the file holds both, and they are checked on load).
    func path(forKey key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return directory + "/group-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Every saved group state by group key (`file;name`), and a line per file that could not be used.
    func loadAll() -> (states: [String: SavedGroupState], problems: [String]) {
        var states: [String: SavedGroupState] = [:]
        var problems: [String] = []
        for name in DurableFile.list(directory).sorted() where name.hasPrefix("group-") && !name.hasSuffix(".tmp") {
            let path = directory + "/" + name
            do {
                guard let payload = try DurableFile.read(path, magic: AlertStateCodec.magic) else { continue }
                let state = try AlertStateCodec.decode(payload)
                let key = RuleEngine.key(file: state.file, name: state.name)
                guard self.path(forKey: key) == path else {
                    problems.append("\(path): holds group \(key) under another name, skipped")
                    continue
                }
                states[key] = state
            } catch {
                problems.append("\(path): \(error)")
            }
        }
        written.withLock { $0 = states }
        return (states, problems)
    }

    /// Writes `state` unless it makes no difference to the state machine compared with what was last written
    /// (`force` writes anyway, for fresh values on shutdown). An empty state removes the file.
    func save(_ state: SavedGroupState, key: String, force: Bool = false) throws(PersistenceError) {
        let previous = written.withLock { $0[key] }
        if let previous {
            if force ? previous == state : previous.sameTransitions(as: state) { return }
        } else if state.rules.isEmpty {
            return
        }
        let path = path(forKey: key)
        if state.rules.isEmpty {
            DurableFile.remove(path)
        } else {
            do throws(PersistenceError) {
                try DurableFile.write(AlertStateCodec.encode(state), magic: AlertStateCodec.magic, to: path)
            } catch {
                failures.add(1, ordering: .relaxed)
                throw error
            }
        }
        saves.add(1, ordering: .relaxed)
        written.withLock { $0[key] = state.rules.isEmpty ? nil : state }
    }

    /// Deletes the files of every group not in `keys` (groups removed from the configuration).
    func retain(keys: Set<String>) {
        let keep = Set(keys.map { path(forKey: $0) })
        for name in DurableFile.list(directory) where name.hasPrefix("group-") {
            let path = directory + "/" + name
            if !keep.contains(path) { DurableFile.remove(path) }
        }
        written.withLock { all in all = all.filter { keys.contains($0.key) } }
    }

    /// Creates the directory; false (with the reason) when it cannot.
    func prepare() -> String? {
        do throws(PersistenceError) {
            try DurableFile.makeDirectory(directory)
            return nil
        } catch {
            return error.description
        }
    }
}
