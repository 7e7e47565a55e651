import KlaxonExposition
import KlaxonModel
import Testing

/// What Prometheus 2.42's scrape-time parser accepts beyond `expfmt` (`checksFamilyMetadata: false`), each case
/// seen on a real Prometheus scraping the same body (scripts/compare/scrape.py, docs/compat.md); the strict mode used
/// by `check metrics` keeps rejecting them as promtool does.
struct ScrapeModeParserTests {
    /// Series of `body` as `name{labels} value[@ts]`, or the error text.
    static func scrape(_ body: String, format: ExpositionFormat = .text) -> Result<[String], ExpositionError> {
        var parser = TextParser(Array(body.utf8), format: format, checksFamilyMetadata: false)
        var out: [String] = []
        do {
            while let entry = try parser.next() {
                guard entry == .series else { continue }
                out.append("\(parser.labels()) \(parser.value)" + (parser.timestamp.map { "@\($0)" } ?? ""))
            }
            return .success(out)
        } catch {
            return .failure(error)
        }
    }

    static func strictError(_ body: String) -> String? {
        parseAll(body).1.map { "\($0)" }
    }

    @Test func blanksAfterTheValueOrTimestamp() throws {
        let body = "a 1 \nb{x=\"y\"} 2\t\nc 3 1000  \n"
        #expect(
            try Self.scrape(body).get() == [
                #"{__name__="a"} 1.0"#, #"{__name__="b", x="y"} 2.0"#, #"{__name__="c"} 3.0@1000"#,
            ]
        )
        #expect(
            Self.strictError(body) == #"text format parsing error in line 1: expected integer as timestamp, got """#
        )
    }

    @Test func junkAfterTheTimestampStillFails() {
        guard case .failure(let error) = Self.scrape("a 1 2 3\n") else {
            Issue.record("accepted a third field")
            return
        }
        #expect(error.line == 1)
    }

    @Test func anyEscapeInALabelValueIsKeptAsWritten() throws {
        let body = #"a{p="C:\q\\x",q="say \"hi\"\n"} 1"# + "\n"
        let series = try Self.scrape(body).get()
        #expect(series.count == 1)
        var parser = TextParser(Array(body.utf8), checksFamilyMetadata: false)
        #expect(try parser.next() == .series)
        #expect(parser.labels() == Labels(["__name__": "a", "p": #"C:\q\x"#, "q": "say \"hi\"\n"]))
        #expect(Self.strictError(body) == #"text format parsing error in line 1: invalid escape sequence '\q'"#)
    }

    @Test func anyEscapeInHelpText() throws {
        let body = "# HELP a Path C:\\dir\\q.\na 1\n"
        #expect(try Self.scrape(body).get() == [#"{__name__="a"} 1.0"#])
        #expect(Self.strictError(body) != nil)
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(try Self.scrape("a 1\nb 2").get() == [#"{__name__="a"} 1.0"#, #"{__name__="b"} 2.0"#])
        #expect(try Self.scrape("a 1 1000").get() == [#"{__name__="a"} 1.0@1000"#])
        #expect(try Self.scrape("").get() == [])
        #expect(Self.strictError("a 1") == "text format parsing error in line 1: unexpected end of input stream")
    }

    @Test func resetTerminatesTheLastLineToo() throws {
        var parser = TextParser([], checksFamilyMetadata: false)
        parser.reset(Array("a 1".utf8))
        #expect(try parser.next() == .series)
        #expect(parser.value == 1)
        #expect(try parser.next() == nil)
    }

    @Test func openMetricsRejectsATrailingBlank() {
        guard case .failure(let error) = Self.scrape("a 1 \n# EOF\n", format: .openMetrics) else {
            Issue.record("accepted a trailing blank")
            return
        }
        #expect("\(error)" == #"text format parsing error in line 1: expected timestamp or # symbol, got "INVALID""#)
    }

    @Test func openMetricsStillTakesTimestampsAndExemplars() throws {
        let body = "a_total 1 1600000000.5\nb 2 # {t=\"x\"} 1\n# EOF\n"
        #expect(
            try Self.scrape(body, format: .openMetrics).get() == [
                #"{__name__="a_total"} 1.0@1600000000500"#, #"{__name__="b"} 2.0"#,
            ]
        )
    }
}
