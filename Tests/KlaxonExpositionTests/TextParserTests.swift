import KlaxonModel
import Testing

@testable import KlaxonExposition

/// Collects events as plain values for assertions.
struct Recorder: ExpositionConsumer {
    struct Sample: Equatable {
        var series: String
        var labels: Labels
        var value: Double
        var timestamp: Int64?
        static func == (a: Sample, b: Sample) -> Bool {
            a.series == b.series && a.labels == b.labels && a.timestamp == b.timestamp
                && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
        }
    }
    var samples: [Sample] = []
    var helps: [String: String] = [:]
    var types: [String: MetricType] = [:]
    var units: [String: String] = [:]

    mutating func consume(_ event: ExpositionEvent) throws(ExpositionError) {
        switch event {
        case .help(let name, let text, _): helps[String(decoding: name, as: UTF8.self)] = text
        case .type(let name, let type, _): types[String(decoding: name, as: UTF8.self)] = type
        case .unit(let name, let unit, _):
            units[String(decoding: name, as: UTF8.self)] = String(decoding: unit, as: UTF8.self)
        case .sample(let sample):
            samples.append(
                Sample(
                    series: String(decoding: sample.series, as: UTF8.self),
                    labels: sample.labels(),
                    value: sample.value,
                    timestamp: sample.timestamp
                )
            )
        }
    }
}

func parse(_ text: String, _ format: ExpositionFormat = .text) throws(ExpositionError) -> Recorder {
    var recorder = Recorder()
    var parser = TextParser(format: format)
    try parser.parse(Array(text.utf8), into: &recorder)
    return recorder
}

func parseError(_ text: String, _ format: ExpositionFormat = .text) -> String? {
    do {
        _ = try parse(text, format)
        return nil
    } catch {
        return error.description
    }
}

struct TextParserTests {
    @Test func textFormatSamplesLabelsAndMetadata() throws {
        let body = """
            # HELP http_requests_total Requests\\nserved.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
            metric_without_timestamp_and_labels 12.47

            """
        let result = try parse(body)
        #expect(result.helps["http_requests_total"] == "Requests\nserved.")
        #expect(result.types["http_requests_total"] == .counter)
        #expect(result.samples.count == 4)
        #expect(result.samples[0].series == #"http_requests_total{method="post",code="200"}"#)
        #expect(result.samples[0].labels == ["__name__": "http_requests_total", "method": "post", "code": "200"])
        #expect(result.samples[0].timestamp == 1_395_066_363_000)
        #expect(result.samples[1].value == 3)
        #expect(result.samples[2].labels["path"] == #"C:\DIR\FILE.TXT"#)
        #expect(result.samples[2].labels["error"] == "Cannot find file:\n\"FILE.TXT\"")
        #expect(result.samples[2].value == 1.458255915e9)
        #expect(result.samples[3].timestamp == nil)
        #expect(result.samples[3].labels == ["__name__": "metric_without_timestamp_and_labels"])
    }

    @Test func specialFloatsAndDecimalsParseExactly() throws {
        let result = try parse(
            "a NaN\na +Inf\na -Inf\na 0.1\na 123456789012345\na 1.7976931348623157e308\na -0.000001\n"
        )
        #expect(result.samples[0].value.isNaN)
        #expect(result.samples[1].value == .infinity)
        #expect(result.samples[2].value == -.infinity)
        #expect(result.samples[3].value == 0.1)
        #expect(result.samples[4].value == 123_456_789_012_345)
        #expect(result.samples[5].value == 1.7976931348623157e308)
        #expect(result.samples[6].value == -0.000001)
    }

    @Test func histogramFamilySamplesKeepTheirSuffixes() throws {
        let body = """
            # TYPE rpc histogram
            rpc_bucket{le="0.05"} 24054
            rpc_bucket{le="+Inf"} 144320
            rpc_sum 53423
            rpc_count 144320

            """
        let result = try parse(body)
        #expect(result.samples.map { $0.labels.metricName } == ["rpc_bucket", "rpc_bucket", "rpc_sum", "rpc_count"])
        #expect(result.samples[1].labels["le"] == "+Inf")
    }

    @Test func errorsNameTheLineAndReason() {
        #expect(
            parseError("ok 1\nbad{x=\"1\",x=\"2\"} 2\n")
                == #"text format parsing error in line 2: duplicate label names for metric "bad""#
        )
        #expect(parseError("a 1") == "text format parsing error in line 1: unexpected end of input stream")
        #expect(
            parseError("a{b=c} 1\n")
                == #"text format parsing error in line 1: expected '"' at start of label value, found 'c'"#
        )
        #expect(
            parseError("\n\nx 1 2 3\n")
                == #"text format parsing error in line 3: spurious string after timestamp: " 3""#
        )
    }

    @Test func contentTypeChoosesTheParser() {
        #expect(ExpositionFormat(contentType: nil) == .text)
        #expect(ExpositionFormat(contentType: "text/plain; version=0.0.4; charset=utf-8") == .text)
        #expect(
            ExpositionFormat(contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8") == .openMetrics
        )
        #expect(ExpositionFormat(contentType: "Application/OpenMetrics-Text") == .openMetrics)
        #expect(ExpositionFormat(contentType: "application/json") == .text)
    }

    @Test func openMetricsTimestampsUnitsExemplarsAndEOF() throws {
        let body = """
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32 1520879607.789
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            # TYPE foo counter
            foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_created 1520872607.123
            # TYPE bar histogram
            bar_bucket{le="+Inf"} 3 # {trace_id="x"} 1.5 1520879607.1
            # EOF

            """
        let result = try parse(body, .openMetrics)
        #expect(result.units["acme_http_router_request_seconds"] == "seconds")
        #expect(result.types["foo"] == .counter)
        #expect(result.samples.count == 5)
        #expect(result.samples[0].timestamp == 1_520_879_607_789)
        #expect(result.samples[2].labels.metricName == "foo_total")
        #expect(result.samples[2].value == 17)
        #expect(result.samples[3].labels.metricName == "foo_created")
        #expect(result.samples[4].value == 3)
    }

    @Test func openMetricsRequiresEOFAndNothingAfterIt() {
        #expect(
            parseError("a 1\n", .openMetrics) == "text format parsing error in line 2: data does not end with # EOF"
        )
        #expect(
            parseError("a 1\n# EOF\nb 2\n", .openMetrics)
                == "text format parsing error in line 3: unexpected data after # EOF"
        )
        #expect(parseError("a 1\n# EOF", .openMetrics) == nil)
        #expect(parseError("# TYPE a stateset\na{a=\"x\"} 1\n# EOF\n", .openMetrics) == nil)
        #expect(
            parseError("# TYPE a untyped\n# EOF\n", .openMetrics)
                == #"text format parsing error in line 1: unknown metric type "untyped""#
        )
    }

    @Test func textFormatTypesAreCaseInsensitiveLikeClientGolang() throws {
        #expect(try parse("# TYPE a COUNTER\n").types["a"] == .counter)
        #expect(
            parseError("# TYPE a stateset\n") == #"text format parsing error in line 1: unknown metric type "stateset""#
        )
    }

    /// Arbitrary bytes must produce samples or an error, never a crash or a hang.
    @Test func randomBytesNeverCrash() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("a_b:{}=\",# \t\n\\01.eE+-NnIf".utf8) + [0, 0xff, 0xc3]
        var parsed = 0
        var failed = 0
        for _ in 0..<5000 {
            let length = Int(generator.next() % 64)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            for format in [ExpositionFormat.text, .openMetrics] {
                var recorder = Recorder()
                var parser = TextParser(format: format)
                do {
                    try parser.parse(bytes, into: &recorder)
                    parsed += 1
                } catch {
                    #expect(error.line >= 1)
                    failed += 1
                }
            }
        }
        #expect(parsed + failed == 10_000)
        #expect(parsed > 0 && failed > 0)
    }
}

struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
