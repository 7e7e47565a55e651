import Foundation
import KlaxonModel
import KlaxonTestSupport
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

    /// The body posted in step 1 (scripts/record/alertmanager-v2-api.py writes it with a start 13 minutes back).
    static let postBody: String =
        (try? String(contentsOf: directory.appendingPathComponent("post_alerts.json"), encoding: .utf8))
        ?? #"[{"labels":{"alertname":"A"}}]"#

    static func time(_ value: JSONValue?) throws -> Timestamp {
        try #require(value?.stringValue.flatMap(Time.parseRFC3339Milliseconds))
    }

    /// Silences as a recorded `GettableSilences` / `GettableSilence` body lists them.
    static func silences(_ name: String) throws -> [Silence] {
        let document = try JSONValue.parse(Array(try #require(recorded(name)).utf8))
        let items: [JSONValue]
        if case .array(let list) = document { items = list } else { items = [document] }
        return try items.map { item in
            guard case .array(let matcherItems) = item["matchers"] ?? .null else {
                throw JSONValue.ParseError(description: "matchers")
            }
            let matchers = try matcherItems.map { matcher in
                let isRegex = matcher["isRegex"] == .bool(true)
                let isEqual = matcher["isEqual"] != .bool(false)
                let type: LabelMatcher.MatchType =
                    isRegex ? (isEqual ? .regexMatch : .regexNoMatch) : (isEqual ? .equal : .notEqual)
                return try LabelMatcher(type, matcher["name"]?.stringValue ?? "", matcher["value"]?.stringValue ?? "")
            }
            return Silence(
                id: item["id"]?.stringValue ?? "",
                matchers: matchers,
                startsAt: try time(item["startsAt"]),
                endsAt: try time(item["endsAt"]),
                createdBy: item["createdBy"]?.stringValue ?? "",
                comment: item["comment"]?.stringValue ?? "",
                updatedAt: try time(item["updatedAt"])
            )
        }
    }

    /// Steps 1–2 of the scenario at the recorded times; returns the Alertmanager, its clock and the first
    /// silence's id.
    static func scenario() async throws -> (Alertmanager, ManualClock, String)? {
        // The recorded scenario is part of the repository: its absence fails the test.
        let yaml = try String(contentsOf: directory.appendingPathComponent("am.yml"), encoding: .utf8)
        let all = try #require(recorded("alerts_all"), "Fixtures/v2api/alerts_all is missing")
        guard case .array(let alerts) = try JSONValue.parse(Array(all.utf8)), let first = alerts.first else {
            Issue.record("alerts_all is not a list")
            return nil
        }
        let clock = ManualClock(now: try time(first["updatedAt"]))
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
        let silence = try #require(try silences("silence_get").first)
        await alertmanager.restore(notificationLog: nil, silences: [silence])
        clock.advance(to: silence.updatedAt + 1)
        return (alertmanager, clock, silence.id)
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
        guard let (alertmanager, _, first) = try await Self.scenario() else { return }
        let cases: [(String, String, [(String, String)])] = [
            ("alerts_filter2", "/alerts", [("filter", "alertname=HighCPU"), ("filter", #"instance=~"a|b""#)]),
            ("alerts_nosilenced", "/alerts", [("silenced", "false"), ("inhibited", "false")]),
            ("alerts_receiver", "/alerts", [("receiver", "hook")]),
            ("alerts_filter", "/alerts", [("filter", #"instance="a""#)]),
            ("silence_get", "/silence/" + first, []),
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
        // The HTTP server hands over the whole path: `/api/v2/...` routes the same way.
        for (name, path, query) in cases {
            let full = await Self.get("/api/v2" + path, query, alertmanager)
            #expect(Self.text(full) == Self.recorded(name), "/api/v2\(path)")
        }
        let unknownFull = await Self.get("/api/v2/nothing", [], alertmanager)
        #expect(unknownFull.status == 404 && Self.text(unknownFull) == Self.recorded("unknown"))
    }

    @Test func writeErrorsMatchRecordedResponses() async throws {
        guard let (alertmanager, _, _) = try await Self.scenario() else { return }
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
        guard let (alertmanager, clock, _) = try await Self.scenario() else { return }
        // Steps 4–5: the first silence expired, two more created (ids and times as recorded).
        let later = try Self.silences("silences_all")
        #expect(later.count == 3)
        await alertmanager.restore(notificationLog: nil, silences: later)
        clock.advance(to: (later.map(\.updatedAt).max() ?? 0) + 1)
        #expect(Self.text(await Self.get("/alerts", [], alertmanager)) == Self.recorded("alerts_all"))
        #expect(Self.text(await Self.get("/alerts/groups", [], alertmanager)) == Self.recorded("groups"))
        #expect(Self.text(await Self.get("/silences", [], alertmanager)) == Self.recorded("silences_all"))
    }

    @Test func silenceLifecycleThroughTheAPI() async throws {
        guard let (alertmanager, clock, first) = try await Self.scenario() else { return }
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
        #expect(fetched.contains("\"startsAt\":\"" + Time.rfc3339Milliseconds(clock.now()) + "\""))  // clamped to now
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
        #expect(filtered.contains(id) && !filtered.contains(first))
    }

    /// Wording recorded from Alertmanager 0.25 by hand (`curl -XPOST …/api/v2/silences`).
    @Test func silenceValidationMessages() async throws {
        guard let (alertmanager, _, _) = try await Self.scenario() else { return }
        func post(_ matchers: String, id: String = "", extra: String = #","createdBy":"x""#) async -> (Int, String) {
            let idField = id.isEmpty ? "" : #""id":"\#(id)","#
            let body =
                #"{\#(idField)"matchers":\#(matchers),"startsAt":"2026-11-25T10:00:00Z","endsAt":"2030-01-01T00:00:00Z","comment":"c"\#(extra)}"#
            let response = await AlertmanagerV2API.handle(
                V2Request(method: "POST", path: "/silences", body: Array(body.utf8)),
                alertmanager: alertmanager
            )
            return (response.status, Self.text(response))
        }
        let emptyMatch = await post(#"[{"name":"a","value":".*","isRegex":true}]"#)
        #expect(emptyMatch == (400, "\"silence invalid: at least one matcher must not match the empty string\"\n"))
        let badRegex = await post(#"[{"name":"a","value":"(","isRegex":true}]"#)
        #expect(
            badRegex
                == (
                    400,
                    #""silence invalid: invalid label matcher 0: invalid regular expression \"(\": error parsing regexp: missing closing ): `(`""#
                        + "\n"
                )
        )
        let badName = await post(#"[{"name":"a-b","value":"b","isRegex":false}]"#)
        #expect(badName == (400, #""silence invalid: invalid label matcher 0: invalid label name \"a-b\"""# + "\n"))
        let unknown = await post(
            #"[{"name":"a","value":"b","isRegex":false}]"#,
            id: "00000000-0000-0000-0000-000000000000"
        )
        #expect(unknown == (404, "\"silence not found\"\n"))
        let noAuthor = await post(#"[{"name":"a","value":"b","isRegex":false}]"#, extra: "")
        #expect(noAuthor == (422, #"{"code":602,"message":"createdBy in body is required"}"#))
        let noRegexFlag = await post(#"[{"name":"a","value":"b"}]"#)
        #expect(noRegexFlag == (422, #"{"code":602,"message":"matchers.0.isRegex in body is required"}"#))
    }

    @Test func rfc3339Parsing() {
        #expect(Time.parseRFC3339Milliseconds("2026-11-25T10:00:00.123Z") == 1_795_600_800_123)
        #expect(Time.parseRFC3339Milliseconds("2026-11-25T12:00:00+02:00") == 1_795_600_800_000)
        #expect(Time.parseRFC3339Milliseconds("1970-01-01T00:00:00.5Z") == 500)
        #expect(Time.parseRFC3339Milliseconds("2026-11-25 10:00:00Z") == nil)
        #expect(Time.parseRFC3339Milliseconds("2026-13-25T10:00:00Z") == nil)
        #expect(Time.parseRFC3339Milliseconds("2026-11-25T10:00:00") == nil)
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
