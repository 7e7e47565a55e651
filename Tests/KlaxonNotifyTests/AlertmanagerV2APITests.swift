import Foundation
import KlaxonModel
import Testing

@testable import KlaxonNotify

/// The v2 handlers replay the scenario of Fixtures/v2api/README.md and must produce the recorded bodies
/// of Alertmanager 0.25 byte for byte (key order, escaping, timestamps, sort orders).
@Suite struct AlertmanagerV2APITests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/v2api"
    )

    static func recorded(_ name: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(name + ".body"), encoding: .utf8)
    }

    static let postBody = #"""
        [{"labels":{"alertname":"HighCPU","instance":"a","severity":"warning"},"annotations":{"summary":"s <b>"},"generatorURL":"http://prom/graph?g0.expr=x&y","startsAt":"2026-11-25T10:00:00.123Z"},{"labels":{"alertname":"NodeDown","instance":"a","severity":"critical"}},{"labels":{"alertname":"HighCPU","instance":"b","severity":"warning"}}]
        """#

    static func silence(
        _ id: String,
        _ matchers: [LabelMatcher],
        starts: Timestamp,
        ends: Timestamp,
        by: String,
        comment: String,
        updated: Timestamp
    ) -> Silence {
        Silence(
            id: id,
            matchers: matchers,
            startsAt: starts,
            endsAt: ends,
            createdBy: by,
            comment: comment,
            updatedAt: updated
        )
    }

    static let first = "6725e7dc-e1c9-42aa-8569-32a4f60991a4"

    /// Steps 1–2 of the scenario; returns the Alertmanager and its clock.
    static func scenario() async throws -> (Alertmanager, ManualClock)? {
        guard let yaml = try? String(contentsOf: directory.appendingPathComponent("am.yml"), encoding: .utf8) else {
            print("skipped: Fixtures/v2api not found")
            return nil
        }
        let clock = ManualClock(now: 1_795_601_611_488)
        let config = try AlertmanagerConfigLoader.parse(yaml, file: "am.yml")
        let alertmanager = try Alertmanager(
            config: config,
            options: .init(),
            sender: RecordingSender(clock: clock),
            clock: clock
        )
        let posted = await AlertmanagerV2API.handle(
            V2Request(method: "POST", path: "/alerts", body: Array(postBody.utf8)),
            alertmanager: alertmanager
        )
        #expect(posted == V2Response(status: 200, contentType: ""))
        await alertmanager.restore(
            notificationLog: nil,
            silences: [
                silence(
                    first,
                    [matcher("instance=b")],
                    starts: 1_795_601_611_528,
                    ends: 1_893_456_000_000,
                    by: "me",
                    comment: "c",
                    updated: 1_795_601_611_528
                )
            ]
        )
        clock.advance(to: 1_795_601_620_000)
        return (alertmanager, clock)
    }

    static func get(_ path: String, _ query: [(String, String)] = [], _ alertmanager: Alertmanager) async -> V2Response
    {
        await AlertmanagerV2API.handle(
            V2Request(method: "GET", path: path, queryItems: query.map { (name: $0.0, value: $0.1) }),
            alertmanager: alertmanager
        )
    }

    static func text(_ response: V2Response) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func readsMatchRecordedResponses() async throws {
        guard let (alertmanager, _) = try await Self.scenario() else { return }
        let cases: [(String, String, [(String, String)])] = [
            ("alerts_filter2", "/alerts", [("filter", "alertname=HighCPU"), ("filter", #"instance=~"a|b""#)]),
            ("alerts_nosilenced", "/alerts", [("silenced", "false"), ("inhibited", "false")]),
            ("alerts_receiver", "/alerts", [("receiver", "hook")]),
            ("alerts_filter", "/alerts", [("filter", #"instance="a""#)]),
            ("silence_get", "/silence/" + Self.first, []),
            ("alerts_badfilter", "/alerts", [("filter", "==")]),
        ]
        for (name, path, query) in cases {
            let expected = try #require(Self.recorded(name))
            let response = await Self.get(path, query, alertmanager)
            #expect(Self.text(response) == expected, "\(name)")
            #expect(response.status == (name == "alerts_badfilter" ? 400 : 200), "\(name)")
            #expect(response.contentType == "application/json")
        }
        #expect(
            await Self.get("/silence/00000000-0000-0000-0000-000000000000", [], alertmanager)
                == V2Response(status: 404, contentType: "")
        )
        let badID = await Self.get("/silence/xyz", [], alertmanager)
        #expect(badID.status == 422 && Self.text(badID) == Self.recorded("silence_badid"))
        let unknown = await Self.get("/nothing", [], alertmanager)
        #expect(unknown.status == 404 && Self.text(unknown) == Self.recorded("unknown"))
        #expect(Self.text(await Self.get("/receivers", [], alertmanager)) == Self.recorded("receivers"))
    }

    @Test func writeErrorsMatchRecordedResponses() async throws {
        guard let (alertmanager, _) = try await Self.scenario() else { return }
        let cases: [(String, String, String, Int)] = [
            ("alerts_empty_labels", "/alerts", #"[{"labels":{}}]"#, 400),
            ("alerts_bad_json", "/alerts", "nope", 400),
            ("alerts_bad_label", "/alerts", #"[{"labels":{"a-b":"x"}}]"#, 400),
            (
                "alerts_ends_before", "/alerts",
                #"[{"labels":{"a":"x"},"startsAt":"2026-11-25T10:00:00Z","endsAt":"2026-11-25T09:00:00Z"}]"#, 400
            ),
            (
                "silence_post_bad", "/silences",
                #"{"matchers":[],"startsAt":"2026-11-25T10:00:00Z","endsAt":"2030-01-01T00:00:00Z","createdBy":"me","comment":"c"}"#,
                422
            ),
            (
                "silence_post_endsbefore", "/silences",
                #"{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2026-11-25T10:00:00Z","endsAt":"2020-01-01T00:00:00Z","createdBy":"x","comment":"c"}"#,
                400
            ),
            ("alerts_post_ok", "/alerts", "[]", 200),
        ]
        for (name, path, body, status) in cases {
            let response = await AlertmanagerV2API.handle(
                V2Request(method: "POST", path: path, body: Array(body.utf8)),
                alertmanager: alertmanager
            )
            #expect(Self.text(response) == Self.recorded(name), "\(name)")
            #expect(response.status == status, "\(name)")
        }
        let put = await AlertmanagerV2API.handle(V2Request(method: "PUT", path: "/alerts"), alertmanager: alertmanager)
        #expect(put.status == 405)
    }

    @Test func laterStateMatchesRecordedListsAndGroups() async throws {
        guard let (alertmanager, clock) = try await Self.scenario() else { return }
        // Step 4–5: the first silence expired, two more created (ids restored as recorded).
        await alertmanager.restore(
            notificationLog: nil,
            silences: [
                Self.silence(
                    Self.first,
                    [matcher("instance=b")],
                    starts: 1_795_601_611_528,
                    ends: 1_795_601_629_123,
                    by: "me",
                    comment: "c",
                    updated: 1_795_601_629_123
                ),
                Self.silence(
                    "8fcbb787-047b-47ec-80f0-397895443824",
                    [matcher("a=b")],
                    starts: 1_795_601_629_094,
                    ends: 1_893_456_000_000,
                    by: "",
                    comment: "c",
                    updated: 1_795_601_629_094
                ),
                Self.silence(
                    "4d08c11b-d44d-4381-b3f2-c877a09d6877",
                    [matcher("instance=b"), matcher("alertname=~High.*")],
                    starts: 1_795_601_643_661,
                    ends: 1_893_456_000_000,
                    by: "me",
                    comment: "second",
                    updated: 1_795_601_643_661
                ),
            ]
        )
        clock.advance(to: 1_795_601_643_724)
        #expect(Self.text(await Self.get("/alerts", [], alertmanager)) == Self.recorded("alerts_all"))
        #expect(Self.text(await Self.get("/alerts/groups", [], alertmanager)) == Self.recorded("groups"))
        #expect(Self.text(await Self.get("/silences", [], alertmanager)) == Self.recorded("silences_all"))
    }

    @Test func silenceLifecycleThroughTheAPI() async throws {
        guard let (alertmanager, clock) = try await Self.scenario() else { return }
        let created = await AlertmanagerV2API.handle(
            V2Request(
                method: "POST",
                path: "/silences",
                body: Array(
                    #"{"matchers":[{"name":"alertname","value":"Node.*","isRegex":true,"isEqual":true}],"startsAt":"2026-11-25T10:00:00Z","endsAt":"2027-01-01T00:00:00Z","createdBy":"ü","comment":"x"}"#
                        .utf8
                )
            ),
            alertmanager: alertmanager
        )
        #expect(created.status == 200)
        let body = Self.text(created)
        #expect(body.hasPrefix(#"{"silenceID":""#) && body.hasSuffix("\"}\n"))
        let id = String(body.dropFirst(#"{"silenceID":""#.count).prefix(36))
        let fetched = Self.text(await Self.get("/silence/" + id, [], alertmanager))
        #expect(fetched.contains(#"{"isEqual":true,"isRegex":true,"name":"alertname","value":"Node.*"}"#))
        #expect(fetched.contains(#""startsAt":"2026-11-25T10:13:40.000Z""#))  // clamped to now
        let deleted = await AlertmanagerV2API.handle(
            V2Request(method: "DELETE", path: "/silence/" + id),
            alertmanager: alertmanager
        )
        #expect(deleted == V2Response(status: 200, contentType: ""))
        clock.advance(to: clock.now() + 1)
        #expect(Self.text(await Self.get("/silence/" + id, [], alertmanager)).contains(#""state":"expired""#))
        let again = await AlertmanagerV2API.handle(
            V2Request(method: "DELETE", path: "/silence/" + id),
            alertmanager: alertmanager
        )
        #expect(again.status == 200)
        let filtered = Self.text(await Self.get("/silences", [("filter", #"alertname=~"Node.*""#)], alertmanager))
        #expect(filtered.contains(id) && !filtered.contains(Self.first))
    }

    @Test func rfc3339Parsing() {
        #expect(parseRFC3339("2026-11-25T10:00:00.123Z") == 1_795_600_800_123)
        #expect(parseRFC3339("2026-11-25T12:00:00+02:00") == 1_795_600_800_000)
        #expect(parseRFC3339("1970-01-01T00:00:00.5Z") == 500)
        #expect(parseRFC3339("2026-11-25 10:00:00Z") == nil)
        #expect(parseRFC3339("2026-13-25T10:00:00Z") == nil)
        #expect(parseRFC3339("2026-11-25T10:00:00") == nil)
    }

    @Test func jsonParsing() throws {
        let value = try JSONValue.parse(
            Array(#" {"a": [1, -2.5e1, true, null, "x\u00e9\n\ud83d\ude00"], "b": {}} "#.utf8)
        )
        #expect(value["a"] == .array([.number(1), .number(-25), .bool(true), .null, .string("xé\n😀")]))
        #expect(value["b"] == .object([]))
        for bad in ["", "{", "[1,]", "nope", "{\"a\" 1}", "\"abc", "[1] 2"] {
            #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(bad.utf8)) }
        }
    }
}
