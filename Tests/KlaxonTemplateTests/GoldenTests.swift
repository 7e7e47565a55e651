import Testing

@testable import KlaxonTemplate

/// Whole-output parity with promtool 2.42 (cases recorded by `scripts/record/templates.py`).
struct GoldenTests {
    /// Answers the few queries the golden cases use, as promtool's test series would.
    static let query: TemplateQueryFunction = { expression in
        switch expression {
        case "count(m)": return [QuerySample(labels: [:], value: 3)]
        case "m":
            return [
                QuerySample(labels: ["__name__": "m", "instance": "b", "job": "x"], value: 1),
                QuerySample(labels: ["__name__": "m", "instance": "c", "job": "x"], value: 3),
                QuerySample(labels: ["__name__": "m", "instance": "a", "job": "x"], value: 2),
            ]
        default: return []
        }
    }

    @Test(arguments: GoldenExpansions.expansions.indices)
    func expansionMatchesPromtool(_ index: Int) throws {
        let golden = GoldenExpansions.expansions[index]
        let expander = try PrometheusTemplateExpander(alertName: "T", text: golden.template)
        let output = expander.expand(
            labels: ["__name__": "v", "job": "api", "instance": "h:1"],
            value: golden.value,
            query: Self.query
        )
        #expect(output == golden.expected, "\(golden.name) with $value \(golden.value)")
    }

    @Test(arguments: GoldenExpansions.parseErrors.indices)
    func parseErrorMatchesPromtool(_ index: Int) {
        let golden = GoldenExpansions.parseErrors[index]
        do {
            _ = try PrometheusTemplateExpander(alertName: "Tmpl", text: golden.template)
            #expect(golden.message == nil, "accepted \(golden.template)")
        } catch {
            #expect(error.message == golden.message, "for \(golden.template)")
        }
    }
}
