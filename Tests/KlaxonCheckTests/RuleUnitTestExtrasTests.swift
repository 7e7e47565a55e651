import Testing

@testable import KlaxonCheck

/// The example rules' unit tests (rules/*.test.yml) and the Klaxon-only options: --diff, --junit, --compat.
@Suite struct RuleUnitTestExtrasTests {
    static let root: String = {
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        return parts.joined(separator: "/")
    }()
    static let fixtures = root + "/Tests/KlaxonCheckTests/Fixtures/test-rules"

    @Test(arguments: ["http.test.yml", "klaxon.test.yml", "node.test.yml"], [false, true])
    func exampleRuleTestsPass(_ file: String, prometheus2: Bool) {
        let report = RuleUnitTester.run(
            paths: [file],
            options: .init(prometheus2: prometheus2),
            directory: Self.root + "/rules"
        )
        #expect(report.output.stderr == "")
        #expect(report.output.stdout == "Unit Testing:  \(file)\n  SUCCESS\n\n")
        #expect(report.output.exitCode == 0)
        #expect(report.cases.count >= 2)
        #expect(report.cases.allSatisfy { $0.failures.isEmpty && !$0.name.isEmpty })
    }

    @Test func diffShowsOnlyTheDifferences() {
        let report = RuleUnitTester.run(
            paths: ["test.yml"],
            options: .init(prometheus2: true, diff: true),
            directory: Self.fixtures + "/fail-wrong-alerts-many"
        )
        #expect(report.output.exitCode == 1)
        #expect(
            report.output.stderr == """
                  FAILED:
                    alertname: InstanceDown, time: 7m, 
                        - Labels:{alertname="InstanceDown", instance="z\\"q", job="j", severity="page"} \
                Annotations:{summary="Instance b down", value="0"}
                        + Labels:{alertname="InstanceDown", instance="b", job="j", severity="page"} \
                Annotations:{summary="Instance b down", value="0"}
                        + Labels:{alertname="InstanceDown", instance="c", job="j", severity="page"} \
                Annotations:{summary="Instance c down", value="0"}

                """
        )
        let samples = RuleUnitTester.run(
            paths: ["test.yml"],
            options: .init(prometheus2: true, diff: true),
            directory: Self.fixtures + "/fail-wrong-samples"
        )
        #expect(
            samples.output.stderr.hasPrefix(
                """
                  FAILED:
                    expr: "job:up:sum", time: 4m,
                        - {__name__="job:up:sum", job="node"} 2E+00
                        + {__name__="job:up:sum", job="node"} 1E+00

                """
            )
        )
    }

    @Test func junitHasOneTestcasePerGroup() {
        let report = RuleUnitTester.run(
            paths: ["test.yml"],
            options: .init(prometheus2: true),
            directory: Self.fixtures + "/fail-multi-groups"
        )
        let xml = RuleUnitTester.junitXML(report.cases)
        #expect(
            xml.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"klaxon test rules\" tests=\"2\" failures=\"2\">"
            )
        )
        #expect(xml.contains("<testcase classname=\"test.yml\" name=\"first\""))
        #expect(xml.contains("<testcase classname=\"test.yml\" name=\"second\""))
        #expect(xml.contains("<failure message=\"name: first,\">"))
        #expect(xml.contains("instance=&quot;i&quot;"), "failure text is escaped")
        #expect(xml.split(separator: "\n").filter { $0.contains("<failure ") }.count == 2)
        let passing = RuleUnitTester.run(paths: ["test.yml"], directory: Self.fixtures + "/pass-basic")
        let passingXML = RuleUnitTester.junitXML(passing.cases)
        #expect(passingXML.contains("failures=\"0\""))
        #expect(passingXML.contains("name=\"#1\""), "an unnamed group is numbered")
        #expect(!passingXML.contains("<failure"))
    }

    @Test func formatsAsGo() {
        #expect(RuleUnitTester.formatE(2) == "2E+00")
        #expect(RuleUnitTester.formatE(0.001) == "1E-03")
        #expect(RuleUnitTester.formatE(1_234_567.5) == "1.2345675E+06")
        #expect(RuleUnitTester.formatE(-2.5) == "-2.5E+00")
        #expect(RuleUnitTester.formatE(1e-300) == "1E-300")
        #expect(RuleUnitTester.formatE(.infinity) == "+Inf")
        #expect(RuleUnitTester.goDuration(0) == "0s")
        #expect(RuleUnitTester.goDuration(90_000) == "1m30s")
        #expect(RuleUnitTester.goDuration(3_600_000) == "1h0m0s")
        #expect(RuleUnitTester.goDuration(1_500) == "1.5s")
        #expect(RuleUnitTester.goDuration(250) == "250ms")
    }

    @Test func noArgumentsAndMissingFilesAreUsageErrors() {
        let none = RuleUnitTester.run(paths: [])
        #expect(none.output.exitCode == 1)
        #expect(none.output.stderr == "promtool: error: required argument 'test-rule-file' not provided, try --help\n")
        let missing = RuleUnitTester.run(paths: ["/nonexistent/x.yml"])
        #expect(missing.output.stderr == "promtool: error: path '/nonexistent/x.yml' does not exist, try --help\n")
        #expect(missing.output.stdout == "")
    }
}
