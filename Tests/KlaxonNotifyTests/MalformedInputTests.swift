import KlaxonModel
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

/// Truncated and corrupted inputs never crash the loader, the JSON reader or the v2 handlers.
@Suite struct MalformedInputTests {
    @Test func everyTruncationOfAConfigLoadsOrFails() {
        let text = AlertmanagerConfigLoaderTests.full
        let bytes = Array(text.utf8)
        var failures = 0
        for length in stride(from: 0, to: bytes.count, by: 7) {
            let prefix = String(decoding: bytes[0..<length], as: UTF8.self)
            do {
                _ = try AlertmanagerConfigLoader.parse(prefix, file: "x.yml")
            } catch {
                failures += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(failures > 0)
        #expect(throws: Never.self) { try AlertmanagerConfigLoader.parse(text, file: "x.yml") }
    }

    @Test func corruptedConfigsLoadOrFail() {
        var generator = SplitMix64(seed: 42)
        let bytes = Array(AlertmanagerConfigLoaderTests.full.utf8)
        let replacements: [UInt8] = Array("{}[]:,-'\"\n #&*!|>%@`\t\\x0".utf8)
        for _ in 0..<300 {
            var copy = bytes
            for _ in 0..<3 {
                let position = Int(generator.next() % UInt64(copy.count))
                copy[position] = replacements[Int(generator.next() % UInt64(replacements.count))]
            }
            _ = try? AlertmanagerConfigLoader.parse(String(decoding: copy, as: UTF8.self), file: "x.yml")
        }
    }

    @Test func truncatedRequestBodiesAreRejected() async throws {
        let clock = ManualClock(now: 1_000_000)
        let config = try AlertmanagerConfigLoader.parse("route: {receiver: a}\nreceivers: [{name: a}]\n", file: "x.yml")
        let alertmanager = try Alertmanager(
            config: config,
            options: .init(),
            sender: RecordingSender(clock: clock),
            clock: clock
        )
        let alerts = Array(AlertmanagerV2APITests.postBody.utf8)
        let silence = Array(
            #"{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"1970-01-01T00:00:01Z","endsAt":"2030-01-01T00:00:00Z","createdBy":"x","comment":"c"}"#
                .utf8
        )
        for (path, body) in [("/alerts", alerts), ("/silences", silence)] {
            for length in 0..<(body.count - 1) {
                let response = await AlertmanagerV2API.handle(
                    V2Request(method: "POST", path: path, body: Array(body[0..<length])),
                    alertmanager: alertmanager
                )
                #expect(response.status >= 400, "\(path) accepted a body truncated at \(length)")
            }
        }
        let whole = await AlertmanagerV2API.handle(
            V2Request(method: "POST", path: "/silences", body: silence),
            alertmanager: alertmanager
        )
        #expect(whole.status == 200)
    }
}
