import KlaxonModel
import KlaxonPromQL
import Testing

@testable import KlaxonRules

@Suite struct RuleFileLoaderTests {
    static let full = """
        groups:
          - name: example
            interval: 30s
            query_offset: 1m
            limit: 10
            labels:
              team: infra
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
                labels:
                  kind: recording
              - alert: InstanceDown
                expr: up == 0
                for: 5m
                keep_firing_for: 1m
                labels:
                  severity: page
                  yes: no
                annotations:
                  summary: "{{ $labels.instance }} down"
          - name: other
            rules: []
        """

    func success(_ text: String, options: RuleLoadOptions = .init()) throws -> RuleFile {
        switch RuleFileLoader.parse(text, options: options) {
        case .success(let file): return file
        case .failure(let errors):
            Issue.record("unexpected errors: \(errors)")
            throw CancellationError()
        }
    }

    func failure(_ text: String, options: RuleLoadOptions = .init()) -> [String] {
        switch RuleFileLoader.parse(text, options: options) {
        case .success: return []
        case .failure(let errors): return errors
        }
    }

    @Test func loadsEveryField() throws {
        let file = try success(Self.full)
        #expect(file.groups.count == 2)
        #expect(file.ruleCount == 2)
        let group = file.groups[0]
        #expect(group.name == "example")
        #expect(group.interval == PromDuration(seconds: 30))
        #expect(group.queryOffset == PromDuration(seconds: 60))
        #expect(group.limit == 10)
        #expect(group.labels.map(\.name) == ["team"] && group.labels.map(\.value) == ["infra"])
        #expect(group.position == SourcePosition(line: 2, column: 5))
        #expect(file.groups[1].interval == nil)

        let record = group.rules[0]
        #expect(record.kind == .recording("job:up:sum"))
        #expect(record.expr == "sum by (job) (up)")
        #expect(record.parsedExpr != nil)
        #expect(record.recordPosition == SourcePosition(line: 9, column: 17))
        #expect(record.exprPosition == SourcePosition(line: 10, column: 15))

        let alert = group.rules[1]
        #expect(alert.kind == .alerting("InstanceDown"))
        #expect(alert.name == "InstanceDown")
        #expect(alert.forDuration == PromDuration(seconds: 300))
        #expect(alert.keepFiringFor == PromDuration(seconds: 60))
        // go-yaml v3: `yes`/`no` are strings, not booleans.
        #expect(alert.labels.map(\.name) == ["severity", "yes"])
        #expect(alert.labels.map(\.value) == ["page", "no"])
        #expect(alert.annotations.map(\.value) == ["{{ $labels.instance }} down"])
    }

    @Test func prometheus2RejectsThe3xGroupFields() {
        let errors = failure(Self.full, options: RuleLoadOptions(allowPrometheus3GroupFields: false))
        #expect(
            errors == [
                "yaml: unmarshal errors:\n  line 4: field query_offset not found in type rulefmt.RuleGroup\n"
                    + "  line 6: field labels not found in type rulefmt.RuleGroup"
            ]
        )
    }

    @Test func groupLabelNamesAreValidatedAsPrometheus3Does() {
        let text =
            "groups:\n  - name: g\n    labels:\n      team-a: x\n      __name__: y\n    rules:\n      - alert: A\n        expr: up\n"
        #expect(failure(text) == ["invalid label name: team-a", "invalid label name: __name__"])
    }

    @Test func emptyInputsHaveNoGroups() throws {
        #expect(try success("").groups.isEmpty)
        #expect(try success("groups: []\n").groups.isEmpty)
        #expect(try success("groups:\n").groups.isEmpty)
    }

    @Test func validationMessagesCarryPositions() {
        let text = """
            groups:
              - name: g
                rules:
                  - record: "bad name"
                    alert: A
                    expr: sum(up
                    for: 1m
                    labels:
                      __name__: x
                    annotations:
                      "a-b": c
              - name: g
                rules:
                  - labels: {a: b}
            """
        #expect(
            failure(text) == [
                "4:17: 5:16: group \"g\", rule 1, \"A\": only one of 'record' and 'alert' must be set",
                "6:15: group \"g\", rule 1, \"A\": could not parse expression: 1:7: parse error: unclosed left parenthesis",
                "4:17: group \"g\", rule 1, \"A\": invalid field 'annotations' in recording rule",
                "4:17: group \"g\", rule 1, \"A\": invalid field 'for' in recording rule",
                "4:17: group \"g\", rule 1, \"A\": invalid recording rule name: bad name",
                "group \"g\", rule 1, \"A\": invalid label name: __name__",
                "group \"g\", rule 1, \"A\": invalid annotation name: a-b",
                "12:5: groupname: \"g\" is repeated in the same file",
                "0:0: group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set",
                "0:0: group \"g\", rule 1, \"\": field 'expr' must be set in rule",
            ]
        )
    }

    @Test func templatesAreParsedForAlertsOnly() {
        let text = """
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: up
                    labels:
                      sev: "{{ if }}"
                    annotations:
                      summary: "{{ .x "
                  - record: r
                    expr: up
                    labels:
                      sev: "{{ if }}"
            """
        #expect(
            failure(text) == [
                "group \"g\", rule 1, \"A\": label \"sev\": template: __alert_A:1: missing value for if",
                "group \"g\", rule 1, \"A\": annotation \"summary\": template: __alert_A:1: unclosed action",
            ]
        )
    }

    @Test func malformedYAML() throws {
        #expect(
            failure("groups:\n  - name: g\n    rules: 7\n")
                == ["yaml: unmarshal errors:\n  line 3: cannot unmarshal !!int `7` into []rulefmt.RuleNode"]
        )
        #expect(failure("groups:\n  - name: g\n    interval: 5x\n") == ["not a valid duration string: \"5x\""])
        #expect(
            failure("groups: [\n")
                == [
                    "yaml: line 1: did not find expected node content",
                    "yaml: line 1: did not find expected node content",
                ]
        )
        // go-yaml v3 truncates floats into ints (promtool 2.42 accepts `limit: 1.5`).
        #expect(try success("groups:\n  - name: g\n    limit: 1.5\n").groups.first?.limit == 1)
        #expect(
            failure("groups:\n  - name: g\n    limit: true\n")
                == ["yaml: unmarshal errors:\n  line 3: cannot unmarshal !!bool `true` into int"]
        )
    }

    @Test func nameValidity() {
        #expect(RuleFileLoader.isValidMetricName("job:up:sum"))
        #expect(RuleFileLoader.isValidMetricName("_x9"))
        #expect(!RuleFileLoader.isValidMetricName("9x"))
        #expect(!RuleFileLoader.isValidMetricName(""))
        #expect(!RuleFileLoader.isValidMetricName("a-b"))
        #expect(RuleFileLoader.isValidLabelName("a_1"))
        #expect(!RuleFileLoader.isValidLabelName("a:b"))
        #expect(!RuleFileLoader.isValidLabelName("ü"))
    }
}
