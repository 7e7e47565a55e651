import KlaxonModel
import KlaxonYAML

/// A promtool rule unit-test file (`cmd/promtool/unittest.go` @2.42, `unitTestFile`).
struct RuleUnitTestFile {
    struct InputSeries {
        var series: String
        var values: String
    }
    struct ExpectedAlert {
        var labels: [(String, String)]
        var annotations: [(String, String)]
    }
    struct AlertTest {
        var evalTime: Int64
        var alertname: String
        var expAlerts: [ExpectedAlert]
    }
    struct ExpectedSample {
        var labels: String
        var value: Double
    }
    struct ExprTest {
        var expr: String
        var evalTime: Int64
        var expSamples: [ExpectedSample]
    }
    struct TestGroup {
        var interval: Int64 = 0
        var inputSeries: [InputSeries] = []
        var alertTests: [AlertTest] = []
        var exprTests: [ExprTest] = []
        var externalLabels: [(String, String)] = []
        var externalURL: String = ""
        var name: String = ""

        var maxEvalTime: Int64 {
            max(alertTests.map(\.evalTime).max() ?? 0, exprTests.map(\.evalTime).max() ?? 0)
        }
    }

    var ruleFiles: [String] = []
    var evaluationInterval: Int64 = 0
    var groupEvalOrder: [String] = []
    var tests: [TestGroup] = []

    /// Decodes strictly (unknown fields are errors), returning go-yaml's error text on failure.
    static func parse(_ text: String) -> Result<RuleUnitTestFile, ParseFailure> {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text)
        } catch {
            return .failure(ParseFailure(message: error.message))
        }
        var file = RuleUnitTestFile()
        guard let root else { return .success(file) }
        var reader = NodeReader()
        reader.forEachField(
            of: root,
            goType: "main.unitTestFile",
            known: ["rule_files", "evaluation_interval", "group_eval_order", "tests"]
        ) { reader, key, node in
            switch key {
            case "rule_files": file.ruleFiles = strings(node, reader: &reader)
            case "evaluation_interval": file.evaluationInterval = reader.duration(node)?.milliseconds ?? 0
            case "group_eval_order": file.groupEvalOrder = strings(node, reader: &reader)
            default:
                for item in reader.sequence(node, goType: "[]main.testGroup") ?? [] {
                    file.tests.append(testGroup(item, reader: &reader))
                }
            }
        }
        if let message = reader.errorMessage { return .failure(ParseFailure(message: message)) }
        return .success(file)
    }

    struct ParseFailure: Error {
        var message: String
    }

    static func strings(_ node: YAMLNode, reader: inout NodeReader) -> [String] {
        guard case .sequence(let items) = node.kind else {
            if !node.isNull { reader.typeError(node, into: "[]string") }
            return []
        }
        return items.compactMap { reader.string($0) }
    }

    static func testGroup(_ node: YAMLNode, reader: inout NodeReader) -> TestGroup {
        var group = TestGroup()
        reader.forEachField(
            of: node,
            goType: "main.testGroup",
            known: [
                "interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url",
                "name",
            ]
        ) { reader, key, node in
            switch key {
            case "interval": group.interval = reader.duration(node)?.milliseconds ?? 0
            case "input_series":
                for item in reader.sequence(node, goType: "[]main.series") ?? [] {
                    var series = InputSeries(series: "", values: "")
                    reader.forEachField(of: item, goType: "main.series", known: ["series", "values"]) { r, k, n in
                        if k == "series" {
                            series.series = r.string(n) ?? ""
                        } else {
                            series.values = r.string(n) ?? ""
                        }
                    }
                    group.inputSeries.append(series)
                }
            case "alert_rule_test":
                for item in reader.sequence(node, goType: "[]main.alertTestCase") ?? [] {
                    group.alertTests.append(alertTest(item, reader: &reader))
                }
            case "promql_expr_test":
                for item in reader.sequence(node, goType: "[]main.promqlTestCase") ?? [] {
                    group.exprTests.append(exprTest(item, reader: &reader))
                }
            case "external_labels": group.externalLabels = reader.stringMap(node) ?? []
            case "external_url": group.externalURL = reader.string(node) ?? ""
            default: group.name = reader.string(node) ?? ""
            }
        }
        return group
    }

    static func alertTest(_ node: YAMLNode, reader: inout NodeReader) -> AlertTest {
        var test = AlertTest(evalTime: 0, alertname: "", expAlerts: [])
        reader.forEachField(of: node, goType: "main.alertTestCase", known: ["eval_time", "alertname", "exp_alerts"]) {
            reader,
            key,
            node in
            switch key {
            case "eval_time": test.evalTime = reader.duration(node)?.milliseconds ?? 0
            case "alertname": test.alertname = reader.string(node) ?? ""
            default:
                for item in reader.sequence(node, goType: "[]main.alert") ?? [] {
                    var alert = ExpectedAlert(labels: [], annotations: [])
                    reader.forEachField(of: item, goType: "main.alert", known: ["exp_labels", "exp_annotations"]) {
                        r,
                        k,
                        n in
                        if k == "exp_labels" {
                            alert.labels = r.stringMap(n) ?? []
                        } else {
                            alert.annotations = r.stringMap(n) ?? []
                        }
                    }
                    test.expAlerts.append(alert)
                }
            }
        }
        return test
    }

    static func exprTest(_ node: YAMLNode, reader: inout NodeReader) -> ExprTest {
        var test = ExprTest(expr: "", evalTime: 0, expSamples: [])
        reader.forEachField(of: node, goType: "main.promqlTestCase", known: ["expr", "eval_time", "exp_samples"]) {
            reader,
            key,
            node in
            switch key {
            case "expr": test.expr = reader.string(node) ?? ""
            case "eval_time": test.evalTime = reader.duration(node)?.milliseconds ?? 0
            default:
                for item in reader.sequence(node, goType: "[]main.sample") ?? [] {
                    var sample = ExpectedSample(labels: "", value: 0)
                    reader.forEachField(of: item, goType: "main.sample", known: ["labels", "value"]) { r, k, n in
                        if k == "labels" {
                            sample.labels = r.string(n) ?? ""
                        } else {
                            sample.value = float(n, reader: &r)
                        }
                    }
                    test.expSamples.append(sample)
                }
            }
        }
        return test
    }

    /// Go `float64` from YAML: numbers, `.inf`, `.nan`.
    static func float(_ node: YAMLNode, reader: inout NodeReader) -> Double {
        guard case .scalar(let text, let tag) = node.kind else {
            reader.typeError(node, into: "float64")
            return 0
        }
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        if tag == "!!null" { return 0 }
        if let value = Double(text.filter { $0 != "_" }) { return value }
        reader.typeError(node, into: "float64")
        return 0
    }
}
