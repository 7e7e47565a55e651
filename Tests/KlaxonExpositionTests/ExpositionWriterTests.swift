import KlaxonExposition
import KlaxonModel
import Testing

struct ExpositionWriterTests {
    @Test(
        arguments: [
            (0.0, "0"), (-0.0, "-0"), (1, "1"), (1.5, "1.5"), (-2.25, "-2.25"), (123456, "123456"),
            (1_234_567, "1.234567e+06"), (2_863_368, "2.863368e+06"), (1e6, "1e+06"), (100_000_000, "1e+08"),
            (0.0001, "0.0001"), (0.00001, "1e-05"), (0.000015, "1.5e-05"), (1_700_000_000.12, "1.70000000012e+09"),
            (0.1, "0.1"), (1e21, "1e+21"), (.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
        ] as [(Double, String)]
    )
    func formatsFloatsLikeGo(_ value: Double, _ expected: String) {
        #expect(ExpositionWriter.formatFloat(value) == expected)
    }

    @Test func rendersFamiliesWithEscaping() {
        var writer = ExpositionWriter()
        writer.help("klaxon_rule_evaluations_total", "Rule evaluations, with \\ and\nnewline.")
        writer.type("klaxon_rule_evaluations_total", .counter)
        writer.sample(
            "klaxon_rule_evaluations_total",
            Labels(["rule_group": "a\"b", "path": "C:\\x\ny"]),
            3,
            timestamp: 1_700_000_000_000
        )
        writer.type("klaxon_up", .stateset)
        writer.sample("klaxon_up", .empty, 1)
        #expect(
            writer.text == """
                # HELP klaxon_rule_evaluations_total Rule evaluations, with \\\\ and\\nnewline.
                # TYPE klaxon_rule_evaluations_total counter
                klaxon_rule_evaluations_total{path="C:\\\\x\\ny",rule_group="a\\"b"} 3 1700000000000
                # TYPE klaxon_up untyped
                klaxon_up 1

                """
        )
    }

    @Test func samplePairsKeepTheirOrderAndEmptyValuesAndZeroHasNoSign() {
        var writer = ExpositionWriter()
        writer.sample(
            "m",
            pairs: [Label("z", "1"), Label("a", "x\"y"), Label("instance", "")],
            -0.0,
            timestamp: 5
        )
        writer.sample("m", .empty, -0.0)
        // expfmt's writeFloat: 0 for both zeros (strconv's -0 stays in `formatFloat`).
        #expect(writer.text == "m{z=\"1\",a=\"x\\\"y\",instance=\"\"} 0 5\nm 0\n")
    }

    @Test func outputParsesBackToTheSameSamples() throws {
        var writer = ExpositionWriter()
        let labels = Labels(["job": "node", "weird": "\\\"\n{},= "])
        let values: [Double] = [0, -1.5, 1e-7, 123_456_789.125, .infinity, 42]
        writer.help("m", "help")
        writer.type("m", .gauge)
        for (index, value) in values.enumerated() {
            writer.sample("m", Labels(labels.storage + [Label("i", String(index))]), value, timestamp: Int64(index))
        }
        var parser = TextParser(writer.bytes)
        var parsed: [(Labels, Double, Int64?)] = []
        while let entry = try parser.next() {
            if entry == .series { parsed.append((parser.labels(), parser.value, parser.timestamp)) }
        }
        #expect(parsed.count == values.count)
        for (index, sample) in parsed.enumerated() {
            #expect(sample.0 == Labels(labels.storage + [Label("__name__", "m"), Label("i", String(index))]))
            #expect(sample.1 == values[index])
            #expect(sample.2 == Int64(index))
        }
    }
}
