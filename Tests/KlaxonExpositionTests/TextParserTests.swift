import KlaxonExposition
import KlaxonModel
import Testing

struct TextParserTests {
    @Test func parsesSamplesWithLabelsValuesAndTimestamps() throws {
        let body = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # Escaping in label values:
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
            metric_without_timestamp_and_labels 12.47
            something_weird{problem="division by zero"} +Inf -3982045

            """
        let (entries, error) = parseAll(body)
        #expect(error == nil)
        #expect(
            entries.map(\.description) == [
                "help: http_requests_total The total number of HTTP requests.",
                "type: http_requests_total counter",
                #"series: http_requests_total{method="post",code="200"} 1027.0 @1395066363000 {__name__="http_requests_total", code="200", method="post"}"#,
                #"series: http_requests_total{method="post",code="400"} 3.0 @1395066363000 {__name__="http_requests_total", code="400", method="post"}"#,
                "comment: ",
                #"series: msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1458255915.0 {__name__="msdos_file_access_time_seconds", error="Cannot find file:\n\"FILE.TXT\"", path="C:\\DIR\\FILE.TXT"}"#,
                #"series: metric_without_timestamp_and_labels 12.47 {__name__="metric_without_timestamp_and_labels"}"#,
                #"series: something_weird{problem="division by zero"} inf @-3982045 {__name__="something_weird", problem="division by zero"}"#,
            ]
        )
    }

    @Test func unescapesHelpText() throws {
        var parser = TextParser(Array("# HELP m A \\\\ backslash\\nand newline\nm 1\n".utf8))
        #expect(try parser.next() == .help)
        #expect(parser.helpText == "A \\ backslash\nand newline")
        #expect(try parser.next() == .series)
        #expect(try parser.next() == nil)
    }

    @Test func acceptsSpecialValuesLikeGo() throws {
        let body = "a NaN\nb +Inf\nc -inf\nd Infinity\ne 1e3\nf .5\ng 5.\nh -0.25e-2\ni 12345678901234567890123\n"
        var parser = TextParser(Array(body.utf8))
        var values: [Double] = []
        while let entry = try parser.next(), entry == .series { values.append(parser.value) }
        #expect(values.count == 9)
        #expect(values[0].isNaN)
        #expect(values[1] == .infinity && values[2] == -.infinity && values[3] == .infinity)
        #expect(Array(values[4...]) == [1000, 0.5, 5, -0.0025, 1.2345678901234568e22])
    }

    @Test func histogramSeriesBelongToTheirFamily() throws {
        let body = """
            # TYPE rpc histogram
            rpc_bucket{le="0.1"} 1
            rpc_bucket{le="+Inf"} 2
            rpc_sum 0.3
            rpc_count 2
            other_count 1

            """
        var parser = TextParser(Array(body.utf8))
        var families: [String] = []
        var types: [MetricType] = []
        while let entry = try parser.next() {
            if entry == .series {
                families.append(parser.familyName)
                types.append(parser.familyType)
            }
        }
        #expect(families == ["rpc", "rpc", "rpc", "rpc", "other_count"])
        #expect(types == [.histogram, .histogram, .histogram, .histogram, .untyped])
    }

    @Test func rawSeriesBytesAreTheNameAndLabelsAsWritten() throws {
        var parser = TextParser(Array("a{x=\"1\" , y=\"2\",} 1\nb 2 3\n".utf8))
        #expect(try parser.next() == .series)
        #expect(parser.withSeriesBytes { String(decoding: $0, as: UTF8.self) } == "a{x=\"1\" , y=\"2\",}")
        #expect(parser.labels() == Labels(["__name__": "a", "x": "1", "y": "2"]))
        #expect(try parser.next() == .series)
        #expect(parser.withSeriesBytes { String(decoding: $0, as: UTF8.self) } == "b")
        #expect(parser.timestamp == 3)
    }

    struct BadInput: CustomStringConvertible, Sendable {
        var body: String
        var error: String
        var description: String { error }
    }

    static let badInputs: [BadInput] = [
        BadInput(
            body: "a{b=\"c\"} 1\nb{ 1\n",
            error: "text format parsing error in line 2: invalid label name for metric \"b\""
        ),
        BadInput(
            body: "a{b=\"1\",b=\"2\"} 1\n",
            error: "text format parsing error in line 1: duplicate label names for metric \"a\""
        ),
        BadInput(
            body: "a 1 2 3\n",
            error: "text format parsing error in line 1: spurious string after timestamp: \" 3\""
        ),
        BadInput(body: "\n\na x\n", error: "text format parsing error in line 3: expected float as value, got \"x\""),
        BadInput(body: "a 1", error: "text format parsing error in line 1: unexpected end of input stream"),
        BadInput(body: "# TYPE a foo\n", error: "text format parsing error in line 1: unknown metric type \"foo\""),
        BadInput(
            body: "a 1 1e3\n",
            error: "text format parsing error in line 1: expected integer as timestamp, got \"1e3\""
        ),
        BadInput(body: "a{b=\"\\q\"} 1\n", error: "text format parsing error in line 1: invalid escape sequence '\\q'"),
        BadInput(
            body: "a{b=c} 1\n",
            error: "text format parsing error in line 1: expected '\"' at start of label value, found 'c'"
        ),
        BadInput(
            body: "a{b=\"c\"x} 1\n",
            error: "text format parsing error in line 1: unexpected end of label value \"c\""
        ),
        BadInput(
            body: "a 1e400\n",
            error: "text format parsing error in line 1: expected float as value, got \"1e400\""
        ),
        BadInput(
            body: "a 1_000\n",
            error: "text format parsing error in line 1: expected float as value, got \"1_000\""
        ),
        BadInput(body: "a +NaN\n", error: "text format parsing error in line 1: expected float as value, got \"+NaN\""),
        BadInput(
            body: "# TYPE s summary\ns{quantile=\"x\"} 1\n",
            error: "text format parsing error in line 2: expected float as value for 'quantile' label, got \"x\""
        ),
        BadInput(
            body: "a 1\n# TYPE a gauge\n",
            error:
                "text format parsing error in line 2: second TYPE line for metric name \"a\", or TYPE reported after samples"
        ),
        BadInput(
            body: "a 1 9223372036854775808\n",
            error: "text format parsing error in line 1: expected integer as timestamp, got \"9223372036854775808\""
        ),
    ]

    @Test(arguments: badInputs)
    func reportsLineAndReason(_ input: BadInput) {
        let (_, error) = parseAll(input.body)
        #expect(error?.description == input.error)
    }

    @Test func stopsAfterAnError() throws {
        var parser = TextParser(Array("a x\nb 1\n".utf8))
        #expect(throws: ExpositionError(line: 1, message: "expected float as value, got \"x\"")) { try parser.next() }
        #expect(try parser.next() == nil)
    }

    @Test func resetParsesANewBody() throws {
        var parser = TextParser(Array("a 1\n".utf8))
        #expect(try parser.next() == .series)
        parser.reset(Array("# TYPE a gauge\na 2\n".utf8))
        #expect(try parser.next() == .type)
        #expect(try parser.next() == .series)
        #expect(parser.value == 2)
        #expect(parser.familyType == .gauge)
    }
}

struct TextParserMetadataCheckTests {
    @Test func scrapeModeAcceptsRepeatedMetadataLikePrometheus() throws {
        let body = Array("# HELP a one\n# HELP a two\na 1\n# TYPE a gauge\na 2\n".utf8)
        var strict = TextParser(body)
        #expect(throws: ExpositionError(line: 2, message: "second HELP line for metric name \"a\"")) {
            while try strict.next() != nil {}
        }
        var lenient = TextParser(body, checksFamilyMetadata: false)
        var entries: [ExpositionEntry] = []
        while let entry = try lenient.next() { entries.append(entry) }
        #expect(entries == [.help, .help, .series, .type, .series])
        #expect(lenient.value == 2)
    }
}
