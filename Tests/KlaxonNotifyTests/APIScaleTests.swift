import KlaxonModel
import KlaxonNotifier
import KlaxonTestSupport
import Testing

@testable import KlaxonNotify

/// 10 000 alerts through the v2 API and the external-Alertmanager encoder; checks the results and prints how
/// long each step takes (debug build figures; for orders of magnitude only).
@Suite struct APIScaleTests {
    static func alerts(_ count: Int) -> [Alert] {
        (0..<count).map { index in
            Alert(
                labels: [
                    "alertname": "Alert\(index % 100)", "instance": "host-\(index / 100):9100", "job": "node",
                    "severity": index % 3 == 0 ? "critical" : "warning",
                ],
                annotations: ["summary": "Instance \(index) is <down> & out"],
                startsAt: 1_700_000_000_000,
                endsAt: 1_700_000_600_000,
                generatorURL: "http://prom:9090/graph?g0.expr=up+%3D%3D+0"
            )
        }
    }

    @Test func tenThousandAlertsThroughTheV2API() async throws {
        let timer = ContinuousClock()
        let clock = ManualClock(now: 1_700_000_001_000)
        let config = try AlertmanagerConfigLoader.parse(
            "route: {receiver: r, group_by: [alertname]}\nreceivers: [{name: r}]\n",
            file: "am.yml"
        )
        let alertmanager = try Alertmanager(
            config: config,
            options: .init(),
            sender: RecordingSender(clock: clock),
            clock: clock
        )
        let body = ExternalAlertmanagers.encode(Self.alerts(10_000))
        var posted = V2Response(status: 0)
        let post = await timer.measure {
            posted = await AlertmanagerV2API.handle(
                V2Request(method: "POST", path: "/alerts", body: body),
                alertmanager: alertmanager
            )
        }
        #expect(posted.status == 200)
        var listed = V2Response(status: 0)
        let list = await timer.measure {
            listed = await AlertmanagerV2API.handle(
                V2Request(method: "GET", path: "/alerts"),
                alertmanager: alertmanager
            )
        }
        let text = String(decoding: listed.body, as: UTF8.self)
        #expect(text.occurrences(of: "\"fingerprint\":") == 10_000)
        var grouped = V2Response(status: 0)
        let groups = await timer.measure {
            grouped = await AlertmanagerV2API.handle(
                V2Request(method: "GET", path: "/alerts/groups"),
                alertmanager: alertmanager
            )
        }
        #expect(String(decoding: grouped.body, as: UTF8.self).occurrences(of: "\"receiver\":{") == 100)
        let encode = timer.measure { _ = ExternalAlertmanagers.encode(Self.alerts(10_000)) }
        print(
            "v2 API, 10k alerts (debug): POST \(post), GET /alerts \(list) (\(listed.body.count) bytes),"
                + " GET /alerts/groups \(groups); Prometheus-side encode \(encode) (\(body.count) bytes)"
        )
    }
}
