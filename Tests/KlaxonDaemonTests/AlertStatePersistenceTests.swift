import KlaxonModel
import KlaxonNotify
import KlaxonRules
import KlaxonStorage
import Synchronization
import Testing

@testable import KlaxonDaemon

#if canImport(Glibc)
import Glibc
#endif

func temporaryDirectory(_ prefix: String = "klaxon-daemon-test") -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { return "/tmp/\(prefix)-fallback-\(getpid())" }
    return String(cString: made)
}

func readBytes(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return bytes
}

func writeBytes(_ bytes: [UInt8], to path: String) {
    guard let file = fopen(path, "wb") else { return }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

/// The on-disk alert state: codec, crash-safe files, change detection.
@Suite struct AlertStatePersistenceTests {
    static let sample = SavedGroupState(
        file: "rules/node.yml",
        name: "node ✓",
        evaluatedAt: 1_700_000_123_456,
        rules: [
            SavedRule(
                name: "InstanceDown",
                query: "up == 0",
                labels: ["severity": "page"],
                alerts: [
                    SavedAlert(
                        labels: ["alertname": "InstanceDown", "instance": "a:9100", "severity": "page"],
                        annotations: ["summary": "a:9100 is down", "description": "ünïcode\nnewline"],
                        state: .firing,
                        value: 0,
                        activeAt: 1_700_000_000_000,
                        firedAt: 1_700_000_060_000,
                        lastSentAt: 1_700_000_120_000,
                        validUntil: 1_700_000_360_000
                    ),
                    SavedAlert(
                        labels: ["alertname": "InstanceDown", "instance": "b:9100", "severity": "page"],
                        annotations: [:],
                        state: .pending,
                        value: .nan,
                        activeAt: -5
                    ),
                    SavedAlert(
                        labels: ["alertname": "InstanceDown", "instance": "c:9100", "severity": "page"],
                        annotations: ["summary": ""],
                        state: .inactive,
                        value: -Double.infinity,
                        activeAt: 1,
                        firedAt: 2,
                        resolvedAt: 3,
                        lastSentAt: 3,
                        validUntil: 4,
                        keepFiringSince: 2
                    ),
                ]
            ),
            SavedRule(name: "Empty", query: "vector(1)", labels: .empty, alerts: []),
        ]
    )

    @Test func codecRoundTripsEveryField() throws {
        let bytes = AlertStateCodec.encode(Self.sample)
        let decoded = try AlertStateCodec.decode(bytes)
        #expect(decoded == Self.sample)
        #expect(decoded.rules[0].alerts[1].value.isNaN)
        #expect(decoded.rules[0].alerts[2].keepFiringSince == 2)
    }

    @Test func codecRejectsEveryTruncationAndTrailingGarbage() {
        let bytes = AlertStateCodec.encode(Self.sample)
        for length in 0..<bytes.count {
            #expect(throws: AlertStateCodec.DecodeError.self) { try AlertStateCodec.decode(Array(bytes[0..<length])) }
        }
        #expect(throws: AlertStateCodec.DecodeError.self) { try AlertStateCodec.decode(bytes + [0]) }
        var badVersion = bytes
        badVersion[0] = 9
        #expect(throws: AlertStateCodec.DecodeError.self) { try AlertStateCodec.decode(badVersion) }
        // A huge count does not allocate or loop: it is checked against the bytes left.
        #expect(throws: AlertStateCodec.DecodeError.self) {
            try AlertStateCodec.decode([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f])
        }
    }

    @Test func storeSavesOnlyWhenTheStateMachineChanged() throws {
        let store = AlertStateStore(directory: temporaryDirectory() + "/alerts")
        #expect(store.prepare() == nil)
        let key = RuleEngine.key(file: Self.sample.file, name: Self.sample.name)
        try store.save(Self.sample, key: key)
        #expect(store.saves.load(ordering: .relaxed) == 1)
        var newValue = Self.sample
        newValue.rules[0].alerts[0].value = 42
        newValue.rules[0].alerts[0].annotations["summary"] = "changed"
        try store.save(newValue, key: key)
        #expect(store.saves.load(ordering: .relaxed) == 1, "value and annotations alone do not rewrite the file")
        try store.save(newValue, key: key, force: true)
        #expect(store.saves.load(ordering: .relaxed) == 2, "forced (shutdown) saves write fresh values")
        var sent = newValue
        sent.rules[0].alerts[0].lastSentAt = 1_700_000_180_000
        try store.save(sent, key: key)
        #expect(store.saves.load(ordering: .relaxed) == 3)

        let reloaded = AlertStateStore(directory: store.directory)
        let (states, problems) = reloaded.loadAll()
        #expect(problems.isEmpty)
        #expect(states[key] == sent)
    }

    @Test func emptyStateRemovesTheFileAndRetainDropsRemovedGroups() throws {
        let store = AlertStateStore(directory: temporaryDirectory() + "/alerts")
        _ = store.prepare()
        let key = RuleEngine.key(file: Self.sample.file, name: Self.sample.name)
        var other = Self.sample
        other.name = "other"
        let otherKey = RuleEngine.key(file: other.file, name: other.name)
        try store.save(Self.sample, key: key)
        try store.save(other, key: otherKey)
        #expect(DurableFile.list(store.directory).count == 2)
        store.retain(keys: [key])
        #expect(DurableFile.list(store.directory) == [String(store.path(forKey: key).split(separator: "/").last ?? "")])
        var empty = Self.sample
        empty.rules = []
        try store.save(empty, key: key)
        #expect(DurableFile.list(store.directory).isEmpty)
        #expect(AlertStateStore(directory: store.directory).loadAll().states.isEmpty)
    }

    @Test func damagedFilesAreReportedAndSkippedNeverHalfLoaded() throws {
        let store = AlertStateStore(directory: temporaryDirectory() + "/alerts")
        _ = store.prepare()
        let key = RuleEngine.key(file: Self.sample.file, name: Self.sample.name)
        var second = Self.sample
        second.name = "second"
        let secondKey = RuleEngine.key(file: second.file, name: second.name)
        try store.save(Self.sample, key: key)
        try store.save(second, key: secondKey)
        let path = store.path(forKey: key)
        var bytes = readBytes(path)
        bytes[bytes.count / 2] ^= 0x40
        writeBytes(bytes, to: path)
        writeBytes(Array(readBytes(store.path(forKey: secondKey)).dropLast(3)), to: store.path(forKey: secondKey))
        writeBytes(Array("garbage".utf8), to: store.directory + "/group-0000000000000001")
        let (states, problems) = AlertStateStore(directory: store.directory).loadAll()
        #expect(states.isEmpty)
        #expect(problems.count == 3)
        #expect(problems.contains { $0.contains("checksum mismatch") })
        #expect(problems.contains { $0.contains("torn file") })
        #expect(problems.contains { $0.contains("bad header") })
    }

    @Test func aFileUnderAnotherGroupsNameIsNotLoaded() throws {
        let store = AlertStateStore(directory: temporaryDirectory() + "/alerts")
        _ = store.prepare()
        let key = RuleEngine.key(file: Self.sample.file, name: Self.sample.name)
        try store.save(Self.sample, key: key)
        let moved = store.directory + "/group-00000000000000aa"
        writeBytes(readBytes(store.path(forKey: key)), to: moved)
        unlink(store.path(forKey: key))
        let (states, problems) = AlertStateStore(directory: store.directory).loadAll()
        #expect(states.isEmpty)
        #expect(problems.first?.contains("under another name") == true)
    }

    @Test func unwritableDirectoryThrowsCountsAndWritesNothing() {
        // Root ignores permission bits, so use a path below a regular file (ENOTDIR) to make writes fail.
        let base = temporaryDirectory()
        writeBytes([1], to: base + "/file")
        let store = AlertStateStore(directory: base + "/file/alerts")
        #expect(store.prepare() != nil)
        let key = RuleEngine.key(file: Self.sample.file, name: Self.sample.name)
        #expect(throws: PersistenceError.self) { try store.save(Self.sample, key: key) }
        #expect(store.failures.load(ordering: .relaxed) == 1)
        #expect(store.saves.load(ordering: .relaxed) == 0)
        // Not remembered as written: the next evaluation tries again.
        #expect(throws: PersistenceError.self) { try store.save(Self.sample, key: key) }
        #expect(store.failures.load(ordering: .relaxed) == 2)
    }
}

/// The router's change hook that makes the notification log and silences durable at once.
@Suite struct RouterStateHookTests {
    final class OKSender: HTTPSender {
        let sent = Mutex(0)
        func send(_ request: HTTPRequest, deadline: Timestamp) async throws -> KlaxonModel.HTTPResponse {
            sent.withLock { $0 += 1 }
            return KlaxonModel.HTTPResponse(status: 200)
        }
    }

    @Test func everyNotificationAndSilenceChangeIsSignalled() async throws {
        let config = try AlertmanagerConfigLoader.parse(
            """
            route:
              receiver: sink
              group_by: ['alertname']
              group_wait: 1s
            receivers:
              - name: sink
                webhook_configs:
                  - url: 'http://127.0.0.1:1/hook'
            """,
            file: "am.yml"
        )
        let clock = ManualClock(now: 1_000_000)
        let sender = OKSender()
        let router = try Alertmanager(config: config, options: .init(), sender: sender, clock: clock)
        let changes = Atomic<Int>(0)
        await router.onStateChange { changes.add(1, ordering: .relaxed) }

        let id = try await router.setSilence(
            Silence(
                matchers: [try LabelMatcher(.equal, "alertname", "Muted")],
                startsAt: 1_000_000,
                endsAt: 2_000_000,
                createdBy: "t",
                comment: "c"
            )
        )
        #expect(changes.load(ordering: .relaxed) == 1)

        await router.post([Alert(labels: ["alertname": "Loud"], startsAt: 1_000_000)])
        clock.advance(by: 1000)
        await router.processDue()
        #expect(sender.sent.withLock { $0 } == 1)
        #expect(changes.load(ordering: .relaxed) == 2, "the notification log entry of the send")

        try await router.expireSilence(id: id)
        #expect(changes.load(ordering: .relaxed) == 3)

        // What the daemon saves on that signal restores the log: the same flush is not sent again.
        let directory = temporaryDirectory()
        try await router.saveState(to: directory)
        let restarted = try Alertmanager(config: config, options: .init(), sender: sender, clock: clock)
        try await restarted.loadState(from: directory)
        await restarted.post([Alert(labels: ["alertname": "Loud"], startsAt: 1_000_000)])
        clock.advance(by: 1000)
        await restarted.processDue()
        #expect(sender.sent.withLock { $0 } == 1, "deduplicated by the restored notification log")
    }
}
