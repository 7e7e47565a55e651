import KlaxonModel
import Testing

@testable import KlaxonNotify

@Suite struct PayloadTests {
    @Test func fingerprintsMatchAlertmanager() {
        // From the reference run's webhook bodies (/work/shared/reference/*.sink.jsonl).
        let watchdog: Labels = ["alertname": "Watchdog", "severity": "none"]
        #expect(fingerprintHex(watchdog.fingerprint) == "448881ef475b9b26")
        #expect(fingerprintHex(0xabc) == "0000000000000abc")
    }

    @Test func rfc3339NanoLikeGo() {
        #expect(Time.rfc3339Nano(nil) == "0001-01-01T00:00:00Z")
        #expect(Time.rfc3339Nano(0) == "1970-01-01T00:00:00Z")
        #expect(Time.rfc3339Nano(1_795_502_785_106) == "2026-11-24T06:46:25.106Z")
        #expect(Time.rfc3339Nano(1_795_502_785_100) == "2026-11-24T06:46:25.1Z")
        #expect(Time.rfc3339Nano(1_795_502_785_120) == "2026-11-24T06:46:25.12Z")
        #expect(Time.rfc3339Nano(951_782_400_000) == "2000-02-29T00:00:00Z")
        #expect(Time.rfc3339Nano(-1) == "1969-12-31T23:59:59.999Z")
    }

    @Test func goJSONEscaping() {
        var json = GoJSONWriter()
        json.string("a\"b\\c\n\r\t\u{1}\u{8}\u{c}<>&\u{2028}\u{2029}é🙂\u{7f}")
        #expect(
            String(decoding: json.bytes, as: UTF8.self)
                == "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u0008\\u000c\\u003c\\u003e\\u0026\\u2028\\u2029é🙂\u{7f}\""
        )
    }

    static let startsAt: Timestamp = 1_795_502_785_106

    static func alert(_ instance: String, job: String? = nil, resolvedAt: Timestamp? = nil) -> Alert {
        var labels: [String: String] = ["alertname": "HighCPU", "instance": instance, "severity": "warning"]
        if let job { labels["job"] = job }
        return Alert(
            labels: Labels(labels),
            annotations: ["summary": "CPU high on \(instance)"],
            startsAt: startsAt,
            endsAt: resolvedAt,
            generatorURL: "http://prom:9090/graph?g0.expr=up"
        )
    }

    @Test func webhookBodyInAlertmanagerKeyOrder() {
        let body = WebhookPayload.encode(
            receiver: "hook",
            groupKey: "{}:{alertname=\"HighCPU\"}",
            groupLabels: ["alertname": "HighCPU"],
            alerts: [Self.alert("a")],
            maxAlerts: 0,
            externalURL: "http://am.example:9093",
            now: Self.startsAt + 1000
        )
        let fingerprint = fingerprintHex(Self.alert("a").fingerprint)
        let expected =
            "{\"receiver\":\"hook\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
            + "{\"alertname\":\"HighCPU\",\"instance\":\"a\",\"severity\":\"warning\"},\"annotations\":"
            + "{\"summary\":\"CPU high on a\"},\"startsAt\":\"2026-11-24T06:46:25.106Z\",\"endsAt\":"
            + "\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prom:9090/graph?g0.expr=up\",\"fingerprint\":"
            + "\"\(fingerprint)\"}],\"groupLabels\":{\"alertname\":\"HighCPU\"},\"commonLabels\":{\"alertname\":"
            + "\"HighCPU\",\"instance\":\"a\",\"severity\":\"warning\"},\"commonAnnotations\":{\"summary\":"
            + "\"CPU high on a\"},\"externalURL\":\"http://am.example:9093\",\"version\":\"4\",\"groupKey\":"
            + "\"{}:{alertname=\\\"HighCPU\\\"}\",\"truncatedAlerts\":0}\n"
        #expect(String(decoding: body, as: UTF8.self) == expected)
    }

    @Test func maxAlertsTruncatesAndCounts() {
        let alerts = [Self.alert("a", resolvedAt: Self.startsAt), Self.alert("b"), Self.alert("c")]
        let body = String(
            decoding: WebhookPayload.encode(
                receiver: "a.b",
                groupKey: "k",
                groupLabels: [:],
                alerts: alerts,
                maxAlerts: 1,
                externalURL: "",
                now: Self.startsAt + 1
            ),
            as: UTF8.self
        )
        // Status and common labels are computed over the kept alert only; the receiver is regexp-quoted.
        #expect(body.hasPrefix("{\"receiver\":\"a\\\\.b\",\"status\":\"resolved\""))
        #expect(body.contains("\"instance\":\"a\""))
        #expect(!body.contains("\"instance\":\"b\""))
        #expect(body.hasSuffix("\"truncatedAlerts\":2}\n"))
        let all = String(
            decoding: WebhookPayload.encode(
                receiver: "r",
                groupKey: "k",
                groupLabels: [:],
                alerts: alerts,
                maxAlerts: 3,
                externalURL: "",
                now: Self.startsAt + 1
            ),
            as: UTF8.self
        )
        #expect(all.hasSuffix("\"truncatedAlerts\":0}\n"))
        #expect(all.contains("\"commonLabels\":{\"alertname\":\"HighCPU\",\"severity\":\"warning\"}"))
        #expect(all.contains("\"commonAnnotations\":{}"))
    }

    @Test func alertOrderIsJobThenInstanceThenLabels() {
        let alerts = [
            Self.alert("b"), Self.alert("z", job: "api"), Self.alert("a", job: "node"), Self.alert("a"),
            Self.alert("b", job: "api"),
        ]
        let sorted = alerts.sorted(by: alertOrder).map { ($0.labels["job"], $0.labels["instance"]) }
        #expect(sorted.map(\.0) == ["api", "api", "node", "", ""])
        #expect(sorted.map(\.1) == ["b", "z", "a", "a", "b"])
        // Label sets: fewer labels first, then the first differing name/value.
        #expect(labelsBefore(["a": "1"], ["a": "1", "b": "2"]))
        #expect(labelsBefore(["a": "1", "c": "1"], ["a": "1", "b": "1"]))
        #expect(!labelsBefore(["a": "1", "b": "1"], ["a": "1", "c": "1"]))
        #expect(labelsBefore(["a": "1"], ["a": "2"]))
    }

    /// COMPATIBILITY §5.7's captured payload.
    @Test func slackDefaultPayload() {
        let labels: Labels = ["alertname": "HighCPU", "chan": "slack", "instance": "s1", "severity": "warning"]
        let data = NotificationData(
            receiver: "slack",
            groupLabels: ["alertname": "HighCPU"],
            alerts: [Alert(labels: labels, startsAt: 1000)],
            externalURL: "http://am.example:9093",
            now: 2000
        )
        let body = SlackPayload.encode(config: SlackConfig(apiURL: "http://x", channel: "#alerts"), data: data)
        let expected =
            "{\"channel\":\"#alerts\",\"username\":\"Alertmanager\",\"attachments\":[{\"title\":"
            + "\"[FIRING:1] HighCPU (slack s1 warning)\",\"title_link\":"
            + "\"http://am.example:9093/#/alerts?receiver=slack\",\"text\":\"\",\"fallback\":"
            + "\"[FIRING:1] HighCPU (slack s1 warning) | http://am.example:9093/#/alerts?receiver=slack\","
            + "\"callback_id\":\"\",\"footer\":\"\",\"color\":\"danger\",\"mrkdwn_in\":[\"fallback\",\"pretext\",\"text\"]}]}\n"
        #expect(String(decoding: body, as: UTF8.self) == expected)

        let resolved = NotificationData(
            receiver: "my slack/1",
            groupLabels: ["alertname": "HighCPU"],
            alerts: [Alert(labels: ["alertname": "HighCPU"], startsAt: 1000, endsAt: 1500)],
            externalURL: "http://am",
            now: 2000
        )
        let text = String(
            decoding: SlackPayload.encode(config: SlackConfig(apiURL: "x"), data: resolved),
            as: UTF8.self
        )
        // No extra common labels: the subject keeps its trailing space; the receiver is query-escaped.
        #expect(text.contains("\"title\":\"[RESOLVED] HighCPU \""))
        #expect(text.contains("\"title_link\":\"http://am/#/alerts?receiver=my+slack%2F1\""))
        #expect(text.contains("\"color\":\"good\""))
        #expect(!text.contains("\"channel\""))
    }

    @Test func slackOptionalFieldsAndTitleTruncation() {
        let data = NotificationData(
            receiver: "s",
            groupLabels: [:],
            alerts: [Alert(labels: ["a": "b"], startsAt: 1)],
            externalURL: "",
            now: 2
        )
        let config = SlackConfig(
            apiURL: "x",
            iconEmoji: ":fire:",
            linkNames: true,
            title: String(repeating: "é", count: 1030),
            pretext: "pre",
            fields: [.init(title: "t", value: "v", short: true), .init(title: "u", value: "w")],
            mrkdwnIn: ["text"],
            imageURL: "http://img"
        )
        let text = String(decoding: SlackPayload.encode(config: config, data: data), as: UTF8.self)
        #expect(text.hasPrefix("{\"username\":\"Alertmanager\",\"icon_emoji\":\":fire:\",\"link_names\":true,"))
        #expect(text.contains("\"title\":\"" + String(repeating: "é", count: 1023) + "…\""))
        #expect(
            text.contains(
                "\"callback_id\":\"\",\"fields\":[{\"title\":\"t\",\"value\":\"v\",\"short\":true},"
                    + "{\"title\":\"u\",\"value\":\"w\",\"short\":false}],\"image_url\":\"http://img\",\"footer\":\"\""
            )
        )
        #expect(text.contains("\"pretext\":\"pre\""))
        #expect(text.hasSuffix("\"mrkdwn_in\":[\"text\"]}]}\n"))
    }

    @Test func timeIntervals() {
        // 2024-02-29T23:30:00Z, a Thursday.
        let time: Timestamp = 1_709_249_400_000
        #expect(TimeInterval(weekdays: [4...4]).contains(time))
        #expect(!TimeInterval(weekdays: [1...3, 5...6]).contains(time))
        #expect(TimeInterval(daysOfMonth: [-1 ... -1]).contains(time))
        #expect(TimeInterval(daysOfMonth: [29...31]).contains(time))
        #expect(!TimeInterval(daysOfMonth: [1...28]).contains(time))
        #expect(TimeInterval(times: [(23 * 60)...(23 * 60 + 59)], months: [2...2], years: [2024...2024]).contains(time))
        #expect(!TimeInterval(times: [0...(23 * 60 + 29)]).contains(time))
        // +01:00: already 2024-03-01 00:30, a Friday.
        let plusOne = TimeInterval(
            weekdays: [5...5],
            daysOfMonth: [1...1],
            months: [3...3],
            location: ZoneRules(name: "+01", fixedOffsetSeconds: 3600)
        )
        #expect(plusOne.contains(time))
        #expect(TimeInterval().contains(time))
    }
}
