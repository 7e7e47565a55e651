import Foundation
import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

@Suite struct StatePersistenceTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "klaxon-state-\(UInt32.random(in: 0...UInt32.max))"
        ).path
    }

    static func alertmanager(clock: ManualClock) throws -> Alertmanager {
        let config = try AlertmanagerConfigLoader.parse(
            "route: {receiver: hook, group_wait: 1s, group_interval: 1m, repeat_interval: 1h}\n"
                + "receivers: [{name: hook, webhook_configs: [{url: 'http://127.0.0.1:9/x'}]}]\n",
            file: "am.yml"
        )
        return try Alertmanager(config: config, options: .init(), sender: RecordingSender(clock: clock), clock: clock)
    }

    @Test func roundTripsSilencesAndNotificationLog() async throws {
        let clock = ManualClock(now: 1_700_000_000_000)
        let first = try Self.alertmanager(clock: clock)
        let id = try await first.setSilence(
            Silence(
                matchers: [matcher("instance=~a.*"), matcher("job=node")],
                startsAt: clock.now(),
                endsAt: clock.now() + 3_600_000,
                createdBy: "me",
                comment: "line1\nline2 ü"
            )
        )
        await first.post([Alert(labels: Labels([Label("alertname", "A")]), startsAt: clock.now())])
        clock.advance(to: clock.now() + 2_000)
        await first.processDue()
        #expect(await first.notificationLog.count == 1)
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await first.saveState(to: directory)

        let second = try Self.alertmanager(clock: clock)
        try await second.loadState(from: directory)
        #expect(await second.notificationLog.allEntries == first.notificationLog.allEntries)
        let restored = try #require(await second.silences.silence(id: id))
        #expect(restored == (await first.silences.silence(id: id)))
        #expect(restored.comment == "line1\nline2 ü")
        #expect(await second.silencedBy(Labels([Label("instance", "abc"), Label("job", "node")])) == [id])
    }

    @Test func applyKeepsAlertsSilencesAndLogButSwitchesRoutes() async throws {
        let clock = ManualClock(now: 1_700_000_000_000)
        let sender = RecordingSender(clock: clock)
        let first = try AlertmanagerConfigLoader.parse(
            "route: {receiver: a, group_wait: 1s, group_interval: 10s}\n"
                + "receivers: [{name: a, webhook_configs: [{url: 'http://a/'}]}, {name: b, webhook_configs: [{url: 'http://b/'}]}]\n",
            file: "am.yml"
        )
        let alertmanager = try Alertmanager(config: first, options: .init(), sender: sender, clock: clock)
        let id = try await alertmanager.setSilence(
            Silence(
                matchers: [matcher("x=y")],
                startsAt: clock.now(),
                endsAt: clock.now() + 3_600_000,
                createdBy: "m",
                comment: "c"
            )
        )
        await alertmanager.post([Alert(labels: Labels([Label("alertname", "A")]), startsAt: clock.now())])
        clock.advance(to: clock.now() + 2_000)
        await alertmanager.processDue()
        #expect(sender.sent.map(\.request.url) == ["http://a/"])
        let second = try AlertmanagerConfigLoader.parse(
            "global: {resolve_timeout: 1m}\nroute: {receiver: b, group_wait: 1s, group_interval: 10s}\n"
                + "receivers: [{name: a}, {name: b, webhook_configs: [{url: 'http://b/'}]}]\n",
            file: "am.yml"
        )
        try await alertmanager.apply(second)
        #expect(await alertmanager.alerts.count == 1)
        #expect(await alertmanager.silences.silence(id: id) != nil)
        #expect(await alertmanager.notificationLog.count == 1)
        #expect(await alertmanager.receiverNames == ["a", "b"])
        #expect(await alertmanager.configOriginal.contains("resolve_timeout: 1m"))
        clock.advance(to: clock.now() + 2_000)
        await alertmanager.processDue()
        #expect(sender.sent.map(\.request.url) == ["http://a/", "http://b/"])
        // A configuration whose template does not parse is refused and changes nothing.
        var broken = second
        broken.templates = ["/nonexistent-dir-\(UInt32.random(in: 0...UInt32.max))/*.tmpl"]
        try await alertmanager.apply(broken)  // no file matches: accepted, as Alertmanager does
        #expect(await alertmanager.receiverNames == ["a", "b"])
        let directory = Self.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "{{ define \"x\" }}{{ end".write(toFile: directory + "/bad.tmpl", atomically: true, encoding: .utf8)
        broken.templates = [directory + "/*.tmpl"]
        broken.original = "refused"
        await #expect(throws: (any Error).self) { try await alertmanager.apply(broken) }
        #expect(await alertmanager.configOriginal.contains("resolve_timeout: 1m"))
    }

    @Test func missingStateIsAFreshStart() async throws {
        let clock = ManualClock(now: 0)
        let alertmanager = try Self.alertmanager(clock: clock)
        try await alertmanager.loadState(from: Self.temporaryDirectory())
        #expect(await alertmanager.notificationLog.count == 0)
    }

    @Test func tornOrCorruptFilesAreSkippedWithAnError() async throws {
        let clock = ManualClock(now: 1_000_000)
        let first = try Self.alertmanager(clock: clock)
        _ = try await first.setSilence(
            Silence(matchers: [matcher("a=b")], startsAt: 1_000_000, endsAt: 2_000_000, createdBy: "x", comment: "y")
        )
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await first.saveState(to: directory)
        let silencesPath = directory + "/silences"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: silencesPath)))
        // Torn: the last bytes are missing.
        try Data(bytes.prefix(bytes.count - 5)).write(to: URL(fileURLWithPath: silencesPath))
        let torn = try Self.alertmanager(clock: clock)
        await #expect(throws: StateSnapshotError.self) { try await torn.loadState(from: directory) }
        #expect(await torn.silences.allSilences.isEmpty)
        // One flipped byte in the middle.
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: silencesPath))
        let corrupt = try Self.alertmanager(clock: clock)
        do {
            try await corrupt.loadState(from: directory)
            Issue.record("a corrupt file was accepted")
        } catch {
            #expect("\(error)".contains("checksum"))
        }
        // Garbage and an empty file.
        for content in [[UInt8](), Array("hello".utf8), [UInt8](repeating: 0xFF, count: 100)] {
            try Data(content).write(to: URL(fileURLWithPath: silencesPath))
            await #expect(throws: StateSnapshotError.self) { try await corrupt.loadState(from: directory) }
        }
        // The notification log file beside it is still loaded (it is intact).
        #expect(FileManager.default.fileExists(atPath: directory + "/nflog"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/silences.tmp"))
    }

    @Test func snapshotRejectsBadLengthsWithoutCrashing() {
        // A record whose string length points past the end (the file's checksum would be valid).
        var writer = StateSnapshot.Writer()
        writer.int(1)
        writer.int(Int64.max)
        let bytes = writer.bytes
        #expect(throws: StateSnapshotError.self) { try StateSnapshot.decodeSilences(bytes) }
        var negative = StateSnapshot.Writer()
        negative.int(-3)
        #expect(throws: StateSnapshotError.self) { try StateSnapshot.decodeNotificationLog(negative.bytes) }
    }

    @Test func filesInTheFormatBeforeDurableFileAreStillRead() async throws {
        // Klaxon before issue 15 wrote magic, records, FNV-1a-64 of all before it; an upgrade must keep silences.
        var writer = StateSnapshot.Writer()
        writer.int(1)
        writer.string("legacy-id")
        writer.int(1)
        writer.string("=")
        writer.string("alertname")
        writer.string("Down")
        writer.int(1_000_000)
        writer.int(9_000_000)
        writer.int(1_000_000)
        writer.string("ops")
        writer.string("maintenance")
        var file = StateSnapshot.legacySilencesMagic + writer.bytes
        var checksum = FNV1a64.add(file[...], to: FNV1a64.offsetBasis)
        for _ in 0..<8 {
            file.append(UInt8(truncatingIfNeeded: checksum))
            checksum >>= 8
        }
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(file).write(to: URL(fileURLWithPath: directory + "/silences"))
        let clock = ManualClock(now: 2_000_000)
        let restored = try Self.alertmanager(clock: clock)
        try await restored.loadState(from: directory)
        let silences = await restored.silences.allSilences
        #expect(silences.map(\.id) == ["legacy-id"])
        #expect(silences.first?.comment == "maintenance")
        // Saved again in the current format (DurableFile's magic), and read back.
        try await restored.saveState(to: directory)
        let saved = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/silences")))
        #expect(Array(saved.prefix(8)) == StateSnapshot.silencesMagic)
        let again = try Self.alertmanager(clock: clock)
        try await again.loadState(from: directory)
        #expect(await again.silences.allSilences.map(\.id) == ["legacy-id"])
        // A legacy file with one flipped byte is refused.
        file[12] ^= 0x01
        try Data(file).write(to: URL(fileURLWithPath: directory + "/silences"))
        let damaged = try Self.alertmanager(clock: clock)
        await #expect(throws: StateSnapshotError.self) { try await damaged.loadState(from: directory) }
    }
}
