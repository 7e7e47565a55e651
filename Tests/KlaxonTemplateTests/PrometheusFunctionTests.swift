import Testing

@testable import KlaxonTemplate

struct PrometheusFunctionTests {
    private func expand(_ text: String, value: Double = 0, labels: [String: String] = [:]) throws -> String {
        try PrometheusTemplateExpander(alertName: "A", text: text).expand(
            labels: labels,
            externalLabels: ["cluster": "eu1"],
            externalURL: "https://prom.example.com:9090/sub/path",
            value: value,
            query: GoldenTests.query
        )
    }

    @Test(arguments: [
        (1234567.0, "1.235M"), (0.3, "300m"), (90061.5, "90.06k"), (0.0, "0"), (-1500.0, "-1.5k"), (1e-9, "1n"),
        (999.0, "999"), (1e27, "1000Y"), (Double.nan, "NaN"), (Double.infinity, "+Inf"),
    ])
    func humanize(_ value: Double, _ expected: String) {
        #expect(Humanize.si(value) == expected)
    }

    @Test(arguments: [(1234567.0, "1.177Mi"), (0.3, "0.3"), (1024.0, "1ki"), (1.0, "1"), (-2048.0, "-2ki")])
    func humanize1024(_ value: Double, _ expected: String) {
        #expect(Humanize.binary(value) == expected)
    }

    @Test(arguments: [
        (1234567.0, "14d 6h 56m 7s"), (0.3, "300ms"), (90061.5, "1d 1h 1m 1s"), (0.0, "0s"), (59.5, "59.5s"),
        (3600.0, "1h 0m 0s"), (-61.0, "-1m 1s"), (0.0000015, "1.5us"), (Double.infinity, "+Inf"),
    ])
    func humanizeDuration(_ value: Double, _ expected: String) {
        #expect(Humanize.duration(value) == expected)
    }

    @Test func externalLabelsURLAndLinks() throws {
        #expect(
            try expand("{{ $externalLabels.cluster }} {{ $externalURL }}")
                == "eu1 https://prom.example.com:9090/sub/path"
        )
        #expect(try expand("{{ externalURL }} {{ pathPrefix }}") == "https://prom.example.com:9090/sub/path /sub/path")
        #expect(
            try expand("{{ graphLink \"rate(x[5m]) > 1\" }}") == "/graph?g0.expr=rate%28x%5B5m%5D%29+%3E+1&g0.tab=0"
        )
        #expect(try expand("{{ tableLink \"up\" }}") == "/graph?g0.expr=up&g0.tab=1")
    }

    @Test func queryErrorsBecomeExpansionErrors() throws {
        let expander = try PrometheusTemplateExpander(alertName: "A", text: "{{ query \"bad(\" }}")
        struct Failure: Error, CustomStringConvertible {
            var description: String { "1:5: parse error: unexpected end of input" }
        }
        let output = expander.expand(labels: [:], value: 1) { _ in throw Failure() }
        #expect(
            output
                == "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: executing \"__alert_A\" at <query \"bad(\">: error calling query: 1:5: parse error: unexpected end of input>"
        )
    }

    @Test func sortByLabelIsStable() throws {
        #expect(try expand("{{ range query \"m\" | sortByLabel \"job\" }}{{ .Labels.instance }}{{ end }}") == "bca")
    }

    @Test func parseDurationAndToTimeErrors() throws {
        #expect(
            try expand("{{ parseDuration \"5x\" }}").hasSuffix(
                "error calling parseDuration: not a valid duration string: \"5x\">"
            )
        )
        #expect(try expand("{{ toTime $value }}", value: .nan).hasSuffix("error calling toTime: value is NaN or Inf>"))
        #expect(
            try expand("{{ humanizeTimestamp 1e300 }}").contains("cannot be represented as a nanoseconds timestamp")
        )
    }

    @Test func labelTemplatesSeeLabelsAndValue() throws {
        let text = "{{ if gt $value 100.0 }}high{{ else }}low{{ end }}-{{ $labels.sev | toUpper }}"
        #expect(try expand(text, value: 150, labels: ["sev": "x"]) == "high-X")
        #expect(try expand(text, value: 5) == "low-")
    }

    @Test func tmplIsConsoleOnly() {
        #expect(throws: TemplateError(.parse, "template: __alert_A:1: function \"tmpl\" not defined")) {
            try PrometheusTemplateExpander(alertName: "A", text: "{{ tmpl \"x\" . }}")
        }
    }

    @Test func manyExpansionsOfOneTemplate() throws {
        // Speed is measured by benchmarks, not here: this checks that 2000 expansions of one parsed template all
        // produce their text.
        let expander = try PrometheusTemplateExpander(
            alertName: "A",
            text:
                "{{ $labels.instance }} of job {{ $labels.job }} has been down for {{ humanizeDuration $value }} ({{ printf \"%.2f\" $value }})"
        )
        let labels = ["instance": "h:9100", "job": "node"]
        var total = 0
        for i in 0..<2000 { total += expander.expand(labels: labels, value: Double(i)).utf8.count }
        #expect(total > 2000 * 40)
    }
}

struct RegexTests {
    @Test(arguments: [
        ("(", "missing closing ): `(`"), ("a)", "unexpected ): `a)`"), ("[a-", "missing closing ]: `[a-`"),
        ("*a", "missing argument to repetition operator: `*`"), ("a|+", "missing argument to repetition operator: `+`"),
        ("(a(b)", "missing closing ): `(a(b)`"),
    ])
    func goSyntaxErrors(_ pattern: String, _ message: String) {
        #expect(throws: TemplateError.function("error parsing regexp: " + message)) { try GoRegex.compile(pattern) }
    }

    @Test(arguments: ["a(b)c", "[)]", "\\(", "a*?", "(?i)x", "[a\\]]", "x{2,3}"])
    func validPatternsCompile(_ pattern: String) throws {
        _ = try GoRegex.compile(pattern)
    }

    @Test func replaceAllExpandsGroupsLikeGo() throws {
        #expect(try GoRegex.replaceAll("(a)(b)", "$2$1$$ ${1}x $1x", "ab") == "ba$ ax ")
        #expect(try GoRegex.replaceAll("x*", "-", "abc") == "-a-b-c-")
        #expect(try GoRegex.replaceAll("(?P<h>[^:]+):\\d+", "${h}", "host:80, other:9") == "host, other")
    }
}
