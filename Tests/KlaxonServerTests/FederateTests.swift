import KlaxonModel
import KlaxonPromQL
import KlaxonStorage
import KlaxonWire
import Synchronization
import Testing

@testable import KlaxonServer

/// `/federate` called as a plain function: Prometheus 2.42's own scenarios (`web/federate_test.go`, same data, same
/// expected bodies), then lookback, staleness, ordering, errors, format negotiation and the protobuf formats.
struct FederateTests {
    static let minute: Int64 = 60_000

    /// `web/federate_test.go`'s data: `load 1m` of six series, read at 101 min with a 5 min lookback.
    static func prometheusTestHead() -> Head {
        let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
        var appender = head.appender()
        for i in Int64(0)...100 {
            let t = i * minute
            _ = appender.append(["__name__": "test_metric1", "foo": "bar", "instance": "i"], t: t, v: Double(i * 100))
            _ = appender.append(["__name__": "test_metric1", "foo": "boo", "instance": "i"], t: t, v: 1)
            _ = appender.append(["__name__": "test_metric2", "foo": "boo", "instance": "i"], t: t, v: 1)
            _ = appender.append(["__name__": "test_metric_without_labels"], t: t, v: Double(1 + 10 * i))
            // 1+10x99 then a staleness marker; 1+10x98.
            _ = appender.append(
                ["__name__": "test_metric_stale"],
                t: t,
                v: i == 100 ? StaleNaN.value : Double(1 + 10 * i)
            )
            if i <= 98 { _ = appender.append(["__name__": "test_metric_old"], t: t, v: Double(1 + 10 * i)) }
        }
        _ = appender.commit()
        return head
    }

    static func api(
        _ head: Head,
        externalLabels: Labels = .empty,
        now: Timestamp = 101 * minute,
        backend: FakeBackend? = nil,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) -> API {
        let backend = backend ?? FakeBackend { $0.externalLabels = externalLabels }
        return makeAPI(head: head, backend: backend, now: now, configure: configure)
    }

    static func get(_ api: API, _ query: String, accept: String? = nil) async -> APIResponse {
        var request = APIRequest(method: "GET", path: "/federate", rawQuery: query)
        request.accept = accept
        return await api.handle(request)
    }

    static let everything = """
        # TYPE test_metric1 untyped
        test_metric1{foo="bar",instance="i"} 10000 6000000
        test_metric1{foo="boo",instance="i"} 1 6000000
        # TYPE test_metric2 untyped
        test_metric2{foo="boo",instance="i"} 1 6000000
        # TYPE test_metric_old untyped
        test_metric_old{instance=""} 981 5880000
        # TYPE test_metric_without_labels untyped
        test_metric_without_labels{instance=""} 1001 6000000

        """

    /// Prometheus's `scenarios` table: query string, external labels, status, body.
    static let scenarios: [(String, Labels, Int, String)] = [
        ("", .empty, 200, ""),
        ("match[]=does_not_match_anything", .empty, 200, ""),
        ("match[]=-not-a-valid-metric-name", .empty, 400, "1:1: parse error: unexpected <op:->\n"),
        ("match[]=not-a-valid-metric-name", .empty, 400, "1:4: parse error: unexpected <op:->\n"),
        (
            "match[]=test_metric1", .empty, 200,
            """
            # TYPE test_metric1 untyped
            test_metric1{foo="bar",instance="i"} 10000 6000000
            test_metric1{foo="boo",instance="i"} 1 6000000

            """
        ),
        (
            "match[]=test_metric2", .empty, 200,
            "# TYPE test_metric2 untyped\ntest_metric2{foo=\"boo\",instance=\"i\"} 1 6000000\n"
        ),
        (
            "match[]=test_metric_without_labels", .empty, 200,
            "# TYPE test_metric_without_labels untyped\ntest_metric_without_labels{instance=\"\"} 1001 6000000\n"
        ),
        ("match[]=test_metric_stale", .empty, 200, ""),
        (
            "match[]=test_metric_old", .empty, 200,
            "# TYPE test_metric_old untyped\ntest_metric_old{instance=\"\"} 981 5880000\n"
        ),
        (
            "match[]={foo='boo'}", .empty, 200,
            """
            # TYPE test_metric1 untyped
            test_metric1{foo="boo",instance="i"} 1 6000000
            # TYPE test_metric2 untyped
            test_metric2{foo="boo",instance="i"} 1 6000000

            """
        ),
        (
            "match[]=test_metric1&match[]=test_metric2", .empty, 200,
            """
            # TYPE test_metric1 untyped
            test_metric1{foo="bar",instance="i"} 10000 6000000
            test_metric1{foo="boo",instance="i"} 1 6000000
            # TYPE test_metric2 untyped
            test_metric2{foo="boo",instance="i"} 1 6000000

            """
        ),
        (
            "match[]={__name__=~'test_metric1'}&match[]={foo='bar'}", .empty, 200,
            """
            # TYPE test_metric1 untyped
            test_metric1{foo="bar",instance="i"} 10000 6000000
            test_metric1{foo="boo",instance="i"} 1 6000000

            """
        ),
        ("match[]={__name__=~'.%2b'}", .empty, 200, everything),
        (
            "match[]={foo='',__name__=~'.%2b'}", .empty, 200,
            """
            # TYPE test_metric_old untyped
            test_metric_old{instance=""} 981 5880000
            # TYPE test_metric_without_labels untyped
            test_metric_without_labels{instance=""} 1001 6000000

            """
        ),
        ("match[]={bar='',__name__=~'.%2b'}", .empty, 200, everything),
        (
            "match[]={__name__=~'.%2b'}", ["foo": "baz", "zone": "ie"], 200,
            """
            # TYPE test_metric1 untyped
            test_metric1{foo="bar",instance="i",zone="ie"} 10000 6000000
            test_metric1{foo="boo",instance="i",zone="ie"} 1 6000000
            # TYPE test_metric2 untyped
            test_metric2{foo="boo",instance="i",zone="ie"} 1 6000000
            # TYPE test_metric_old untyped
            test_metric_old{foo="baz",instance="",zone="ie"} 981 5880000
            # TYPE test_metric_without_labels untyped
            test_metric_without_labels{foo="baz",instance="",zone="ie"} 1001 6000000

            """
        ),
        (
            "match[]={__name__=~'.%2b'}", ["instance": "baz"], 200,
            """
            # TYPE test_metric1 untyped
            test_metric1{foo="bar",instance="i"} 10000 6000000
            test_metric1{foo="boo",instance="i"} 1 6000000
            # TYPE test_metric2 untyped
            test_metric2{foo="boo",instance="i"} 1 6000000
            # TYPE test_metric_old untyped
            test_metric_old{instance="baz"} 981 5880000
            # TYPE test_metric_without_labels untyped
            test_metric_without_labels{instance="baz"} 1001 6000000

            """
        ),
    ]

    @Test(arguments: FederateTests.scenarios.indices)
    func prometheusScenario(_ index: Int) async {
        let (query, externalLabels, status, body) = Self.scenarios[index]
        let response = await Self.get(Self.api(Self.prometheusTestHead(), externalLabels: externalLabels), query)
        #expect(response.status == status, "\(query)")
        #expect(response.bodyText == body, "\(query)")
        if status == 200 {
            #expect(response.contentType == "text/plain; version=0.0.4; charset=utf-8")
        } else {
            #expect(response.contentType == "text/plain; charset=utf-8")
            #expect(response.headers.contains { $0.name == "X-Content-Type-Options" && $0.value == "nosniff" })
        }
    }

    @Test func lookbackWindowIncludesItsStartAndEndsAtNow() async {
        let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
        var appender = head.appender()
        _ = appender.append(["__name__": "at_start"], t: 1_000_000, v: 1)
        _ = appender.append(["__name__": "too_old"], t: 999_999, v: 2)
        _ = appender.append(["__name__": "future"], t: 1_290_000, v: 3)
        _ = appender.append(["__name__": "future"], t: 1_300_001, v: 4)
        _ = appender.append(["__name__": "at_now"], t: 1_200_000, v: 5)
        _ = appender.append(["__name__": "at_now"], t: 1_300_000, v: 6)
        _ = appender.commit()
        // now 1_300_000, lookback 300_000: [1_000_000, 1_300_000].
        let api = Self.api(head, now: 1_300_000) { $0.lookbackDelta = 300_000 }
        let response = await Self.get(api, "match[]={__name__=~\".%2B\"}")
        #expect(
            response.bodyText == """
                # TYPE at_now untyped
                at_now{instance=""} 6 1300000
                # TYPE at_start untyped
                at_start{instance=""} 1 1000000
                # TYPE future untyped
                future{instance=""} 3 1290000

                """
        )
        // A shorter lookback (--query.lookback-delta) drops the older ones.
        let short = Self.api(head, now: 1_300_000) { $0.lookbackDelta = 15_000 }
        #expect(
            await Self.get(short, "match[]={__name__=~\".%2B\"}").bodyText
                == "# TYPE at_now untyped\nat_now{instance=\"\"} 6 1300000\n# TYPE future untyped\nfuture{instance=\"\"} 3 1290000\n"
        )
    }

    @Test func onlyALatestStalenessMarkerHidesASeries() async {
        let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
        var appender = head.appender()
        _ = appender.append(["__name__": "went_stale"], t: 10_000, v: 1)
        _ = appender.append(["__name__": "went_stale"], t: 20_000, v: StaleNaN.value)
        _ = appender.append(["__name__": "came_back"], t: 10_000, v: StaleNaN.value)
        _ = appender.append(["__name__": "came_back"], t: 20_000, v: 7)
        _ = appender.append(["__name__": "plain_nan"], t: 20_000, v: .nan)
        _ = appender.commit()
        let response = await Self.get(Self.api(head, now: 30_000), "match[]={__name__=~\".%2B\"}")
        #expect(
            response.bodyText
                == "# TYPE came_back untyped\ncame_back{instance=\"\"} 7 20000\n# TYPE plain_nan untyped\nplain_nan{instance=\"\"} NaN 20000\n"
        )
    }

    @Test func familiesInByteOrderOfNameSeriesInLabelOrderExternalLabelsLast() async {
        let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
        var appender = head.appender()
        for (labels, value) in [
            (["__name__": "b", "z": "1"], 1.0),
            (["__name__": "b", "Z": "2"], 2.0),  // "Z" < "__name__" < "z": label order puts it first
            (["__name__": "a", "instance": "x", "x": "q\"\\\n"], -0.0),
            (["__name__": "B"], 1e6),
            (["__name__": "a_b"], 0.0001),
        ] as [([String: String], Double)] {
            _ = appender.append(Labels(labels), t: 5_000, v: value)
        }
        _ = appender.commit()
        let api = Self.api(head, externalLabels: ["replica": "r1", "a": "ext"], now: 10_000)
        let response = await Self.get(api, "match[]={__name__=~\".%2B\"}")
        #expect(
            response.bodyText == #"""
                # TYPE B untyped
                B{a="ext",instance="",replica="r1"} 1e+06 5000
                # TYPE a untyped
                a{instance="x",x="q\"\\\n",a="ext",replica="r1"} 0 5000
                # TYPE a_b untyped
                a_b{a="ext",instance="",replica="r1"} 0.0001 5000
                # TYPE b untyped
                b{Z="2",a="ext",instance="",replica="r1"} 2 5000
                b{z="1",a="ext",instance="",replica="r1"} 1 5000

                """#
        )
    }

    @Test func methodsReadinessAndQueryStringErrorsAsPrometheus() async {
        let backend = FakeBackend()
        let api = Self.api(Self.prometheusTestHead(), backend: backend)
        for method in ["POST", "PUT", "DELETE", "HEAD"] {
            let response = await api.handle(APIRequest(method: method, path: "/federate", rawQuery: "match[]=up"))
            #expect(response.status == 405, "\(method)")
            #expect(response.headers.contains { $0.name == "Allow" && $0.value == "GET, OPTIONS" })
            #expect(response.bodyText == "Method Not Allowed\n")
        }
        let options = await api.handle(APIRequest(method: "OPTIONS", path: "/federate"))
        #expect(options.status == 200 && options.body.isEmpty)
        #expect(options.headers.contains { $0.name == "Allow" && $0.value == "GET, OPTIONS" })

        for (query, message) in [
            ("match[]=%zz", #"error parsing form values: invalid URL escape "%zz""#),
            ("match[]=up%4", #"error parsing form values: invalid URL escape "%4""#),
            ("x%g=1&match[]=%zz", #"error parsing form values: invalid URL escape "%g""#),
            ("match[]=%zz&a;b=1", "error parsing form values: invalid semicolon separator in query"),
            ("match[]=", "1:1: parse error: unexpected end of input"),
            ("match[]=up%7B", "1:4: parse error: unexpected end of input inside braces"),
            ("match[]=rate(up%5B1m%5D)", #"1:5: parse error: unexpected "(""#),
            ("match[]=up%5B5m%5D", #"1:3: parse error: unexpected "[""#),
            ("match[]=up%20offset%201m", "1:4: parse error: unexpected <offset>"),
            ("match[]=test_metric1&match[]=-x", "1:1: parse error: unexpected <op:->"),
        ] {
            let response = await Self.get(api, query)
            #expect(response.status == 400, "\(query)")
            #expect(response.bodyText == message + "\n", "\(query)")
        }

        // `{}` matches nothing (Prometheus's index intersects no postings); an empty-value matcher alone matches
        // the series without that label.
        #expect(await Self.get(api, "match[]=%7B%7D").bodyText == "")
        #expect(
            await Self.get(api, "match[]=%7Bfoo%3D%22%22%7D").bodyText.split(separator: "\n").first
                == "# TYPE test_metric_old untyped"
        )

        backend.state.withLock { $0.ready = false }
        let notReady = await Self.get(api, "match[]=test_metric1")
        #expect(notReady.status == 503 && notReady.bodyText == "Service Unavailable")
    }

    @Test func selectorLimitsOfTheOtherEndpointsApply() async {
        let api = Self.api(Self.prometheusTestHead()) {
            $0.maxMatchSelectors = 2
            $0.maxQueryLength = 20
        }
        let many = await Self.get(api, "match[]=a&match[]=b&match[]=c")
        #expect(many.status == 400)
        #expect(many.bodyText == "3 match[] selectors; the limit is 2 (--web.max-match-selectors)\n")
        let long = await Self.get(api, "match[]=" + String(repeating: "a", count: 21))
        #expect(long.status == 400)
        #expect(long.bodyText == "query is 21 bytes long; the limit is 20 (--web.max-query-length)\n")
    }

    @Test func servedUnderTheRoutePrefixAndCancelledWithItsClient() async {
        let prefixed = Self.api(Self.prometheusTestHead()) { $0.externalURL = "http://example.org/prom/" }
        let response = await prefixed.handle(
            APIRequest(method: "GET", path: "/prom/federate", rawQuery: "match[]=test_metric2")
        )
        #expect(
            response.bodyText == "# TYPE test_metric2 untyped\ntest_metric2{foo=\"boo\",instance=\"i\"} 1 6000000\n"
        )
        #expect(API.isQueryPath("/prom/federate", prefix: "/prom"))
        #expect(!API.isQueryPath("/federate", prefix: "/prom"))

        let api = Self.api(Self.prometheusTestHead())
        let request = APIRequest(method: "GET", path: "/federate", rawQuery: "match[]=test_metric1")
        request.cancellation.cancel()
        let canceled = await api.handle(request)
        #expect(canceled.status == 503)
        #expect(api.federationCounters.errorCount == 1)
        let metrics = await api.handle(APIRequest(method: "GET", path: "/metrics")).bodyText
        #expect(metrics.contains("\nprometheus_web_federation_errors_total 1\n"))
        #expect(metrics.contains("\nprometheus_web_federation_warnings_total 0\n"))
        #expect(
            metrics.contains(
                "# HELP prometheus_web_federation_errors_total Total number of errors that occurred while sending federation responses.\n# TYPE prometheus_web_federation_errors_total counter\n"
            )
        )
    }

    /// `expfmt.Negotiate`'s choices (prometheus/common v0.39).
    @Test(
        arguments: [
            (nil, FederationFormat.text),
            ("", .text),
            // Prometheus 2.42's scrape Accept header, without and with --enable-feature=native-histograms.
            (
                "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
                .text
            ),
            (
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
                .protoDelimited
            ),
            ("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=text", .protoText),
            (
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=compact-text",
                .protoCompact
            ),
            // q orders the clauses: text wins over a lower-q protobuf.
            (
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.4,text/plain;q=0.5",
                .text
            ),
            (
                "text/plain;version=0.0.3,application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited",
                .protoDelimited
            ),
            ("application/vnd.google.protobuf;encoding=delimited", .text),
            ("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=other", .text),
            ("APPLICATION/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", .text),
            ("*/*", .text),
            (
                "*/*;q=1,application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.9",
                .protoDelimited
            ),
            (
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=x,text/plain;q=0.001",
                .text
            ),
        ] as [(String?, FederationFormat)]
    )
    func negotiatesAsExpfmt(_ accept: String?, _ expected: FederationFormat) {
        #expect(FederationFormat.negotiate(accept) == expected)
    }

    @Test func protobufDelimitedDecodesBackToTheSameFamilies() async throws {
        let api = Self.api(Self.prometheusTestHead(), externalLabels: ["zone": "ie"])
        let response = await Self.get(
            api,
            "match[]={__name__=~'.%2b'}",
            accept: "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"
        )
        #expect(response.status == 200)
        #expect(
            response.contentType
                == "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"
        )
        let families = try Delimited.decode(Io_Prometheus_Client_MetricFamily.self, from: response.body)
        #expect(
            families.map(\.name) == ["test_metric1", "test_metric2", "test_metric_old", "test_metric_without_labels"]
        )
        #expect(families.allSatisfy { $0.type == .untyped && $0.hasType && !$0.hasHelp })
        let first = try #require(families.first?.metric.first)
        #expect(first.label.map { "\($0.name)=\($0.value)" } == ["foo=bar", "instance=i", "zone=ie"])
        #expect(first.untyped.value == 10000 && first.hasUntyped && !first.hasGauge)
        #expect(first.timestampMs == 6_000_000)
        let old = try #require(families.first { $0.name == "test_metric_old" }?.metric.first)
        #expect(old.label.map { "\($0.name)=\($0.value)" } == ["instance=", "zone=ie"])
        #expect(old.untyped.value == 981 && old.timestampMs == 5_880_000)
        #expect(families.map(\.metric.count) == [2, 1, 1, 1])
    }

    @Test func protobufDelimitedBytesAreWhatPrometheusWrites() async {
        // Prometheus 2.42's answer (captured from the real binary, `curl -H 'Accept: …encoding=delimited'`) for
        // up{instance="127.0.0.1:19190",job="self",zone="eu"} 1 at 1796673083821, the external label zone="eu".
        let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
        var appender = head.appender()
        _ = appender.append(
            ["__name__": "up", "instance": "127.0.0.1:19190", "job": "self"],
            t: 1_796_673_083_821,
            v: 1
        )
        _ = appender.commit()
        let api = Self.api(head, externalLabels: ["zone": "eu"], now: 1_796_673_090_000)
        let delimited = await Self.get(
            api,
            "match[]=up",
            accept: "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"
        )
        let expected: [UInt8] = [
            0x50, 0x0a, 0x02, 0x75, 0x70, 0x18, 0x03, 0x22, 0x48, 0x0a, 0x1b, 0x0a, 0x08, 0x69, 0x6e, 0x73,
            0x74, 0x61, 0x6e, 0x63, 0x65, 0x12, 0x0f, 0x31, 0x32, 0x37, 0x2e, 0x30, 0x2e, 0x30, 0x2e, 0x31,
            0x3a, 0x31, 0x39, 0x31, 0x39, 0x30, 0x0a, 0x0b, 0x0a, 0x03, 0x6a, 0x6f, 0x62, 0x12, 0x04, 0x73,
            0x65, 0x6c, 0x66, 0x0a, 0x0a, 0x0a, 0x04, 0x7a, 0x6f, 0x6e, 0x65, 0x12, 0x02, 0x65, 0x75, 0x2a,
            0x09, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3f, 0x30, 0xad, 0xb3, 0xbe, 0x90, 0xa5,
            0x34,
        ]
        #expect(delimited.body == expected)
    }

    @Test func protobufTextFormatsAsGolangProtobuf() async {
        let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
        var appender = head.appender()
        _ = appender.append(
            ["__name__": "up", "instance": "127.0.0.1:19190", "job": "self"],
            t: 1_796_673_083_821,
            v: 1
        )
        _ = appender.append(["__name__": "odd", "v": "tab\t\"q\" é\\"], t: 1_796_673_083_821, v: -.infinity)
        _ = appender.commit()
        let api = Self.api(head, externalLabels: ["zone": "eu"], now: 1_796_673_090_000)
        let text = await Self.get(
            api,
            "match[]=up&match[]=odd",
            accept: "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text"
        )
        #expect(
            text.contentType
                == "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=text"
        )
        #expect(
            text.bodyText == #"""
                name: "odd"
                type: UNTYPED
                metric: <
                  label: <
                    name: "v"
                    value: "tab\t\"q\" \303\251\\"
                  >
                  label: <
                    name: "instance"
                    value: ""
                  >
                  label: <
                    name: "zone"
                    value: "eu"
                  >
                  untyped: <
                    value: -inf
                  >
                  timestamp_ms: 1796673083821
                >

                name: "up"
                type: UNTYPED
                metric: <
                  label: <
                    name: "instance"
                    value: "127.0.0.1:19190"
                  >
                  label: <
                    name: "job"
                    value: "self"
                  >
                  label: <
                    name: "zone"
                    value: "eu"
                  >
                  untyped: <
                    value: 1
                  >
                  timestamp_ms: 1796673083821
                >


                """#
        )
        let compact = await Self.get(
            api,
            "match[]=up",
            accept: "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=compact-text"
        )
        #expect(
            compact.bodyText
                == #"name:"up" type:UNTYPED metric:<label:<name:"instance" value:"127.0.0.1:19190" > label:<name:"job" value:"self" > label:<name:"zone" value:"eu" > untyped:<value:1 > timestamp_ms:1796673083821 > "#
                + "\n"
        )
    }

    @Test(
        arguments: [
            ("", nil), ("a=1&b=%41", nil), ("&&a&", nil), ("a=%zz", #"invalid URL escape "%zz""#),
            ("%z=1", #"invalid URL escape "%z""#), ("a=%", #"invalid URL escape "%""#),
            ("a=%zz&b=%yy", #"invalid URL escape "%zz""#), ("a=%zz&b;c", "invalid semicolon separator in query"),
            ("b;c&a=%zz", "invalid semicolon separator in query"),
        ] as [(String, String?)]
    )
    func queryStringErrorsAsGo(_ query: String, _ expected: String?) {
        #expect(FormDecoder.firstError(Array(query.utf8)) == expected)
    }
}
