import KlaxonModel
import Testing

@testable import KlaxonNotify

/// A larger run that checks grouping at scale and prints how long ingest, flush and encoding take
/// (debug build figures; for orders of magnitude only).
@Suite struct ScaleTests {
    @Test func tenThousandAlertsInOneHundredGroups() {
        let clock = ContinuousClock()
        var dispatcher = Dispatcher(
            route: Route(root: RouteSpec(receiver: "r", groupBy: ["alertname"], groupWait: 1000, groupInterval: 5000))
        )
        var alerts: [Alert] = []
        alerts.reserveCapacity(10_000)
        for index in 0..<10_000 {
            alerts.append(
                Alert(
                    labels: [
                        "alertname": "Alert\(index % 100)", "instance": "host-\(index / 100):9100", "job": "node",
                        "severity": index % 3 == 0 ? "critical" : "warning",
                    ],
                    annotations: ["summary": "Instance \(index) is <down> & out"],
                    startsAt: 1000,
                    endsAt: 600_000,
                    generatorURL: "http://prom:9090/graph?g0.expr=up+%3D%3D+0"
                )
            )
        }
        let ingest = clock.measure { dispatcher.ingest(alerts, now: 1000) }
        var flushes: [Flush] = []
        let flush = clock.measure { flushes = dispatcher.takeDue(now: 2000) }
        #expect(flushes.count == 100)
        #expect(flushes.allSatisfy { $0.alerts.count == 100 })
        #expect(
            flushes.allSatisfy {
                $0.alerts.map { $0.labels["instance"] } == $0.alerts.map { $0.labels["instance"] }.sorted()
            }
        )
        var bytes = 0
        let encode = clock.measure {
            for flush in flushes {
                bytes +=
                    WebhookPayload.encode(
                        receiver: "r",
                        groupKey: flush.groupKey,
                        groupLabels: flush.groupLabels,
                        alerts: flush.alerts,
                        maxAlerts: 0,
                        externalURL: "http://am",
                        now: 2000
                    ).count
            }
        }
        #expect(bytes > 10_000 * 300)
        print(
            "notify scale: ingest 10k alerts \(ingest), take 100 flushes \(flush), encode 100 webhook bodies "
                + "(\(bytes) bytes) \(encode)"
        )
    }
}
