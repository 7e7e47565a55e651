import Foundation
import Testing

@testable import KlaxonCheck

/// `klaxon check config` picks promtool's or amtool's checker per file. Expected texts were produced by the real
/// `promtool check config` 2.42 and `amtool check-config` 0.25 on the same files.
@Suite struct CheckConfigDispatchTests {
    static let files: [String: String] = [
        "am.yml": "route:\n  receiver: a\nreceivers:\n  - name: a\n",
        "prom.yml": "global:\n  scrape_interval: 15s\n",
        "mixed.yml": "route:\n  receiver: a\nreceivers:\n  - name: a\nscrape_configs:\n  - job_name: x\n"
            + "    static_configs:\n      - targets: [\"localhost:1\"]\n",
        "unknown.yml": "foo: bar\n",
        "am-templates-first.yml": "# comment\ntemplates: []\nglobal:\n  resolve_timeout: 1m\n"
            + "route:\n  receiver: a\nreceivers:\n  - name: a\n",
        "bad-am.yml": "route:\n  receiver: nope\nreceivers:\n  - name: a\n",
    ]

    static let directory: String = {
        let path = NSTemporaryDirectory() + "klaxon-check-dispatch-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try? text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        return path
    }()

    static let amOK =
        "Checking 'am.yml'  SUCCESS\nFound:\n - global config\n - route\n - 0 inhibit rules\n"
        + " - 1 receivers\n - 0 templates\n\n"
    static let promOK = "Checking prom.yml\n SUCCESS: prom.yml is valid prometheus config file syntax\n\n"

    @Test(arguments: [
        ("am.yml", CheckConfigDispatch.Kind.alertmanager), ("am-templates-first.yml", .alertmanager),
        ("bad-am.yml", .alertmanager), ("prom.yml", .prometheus), ("mixed.yml", .prometheus),
        ("unknown.yml", .prometheus), ("missing.yml", .prometheus),
    ])
    func classifiesByTopLevelKeys(_ file: String, _ kind: CheckConfigDispatch.Kind) {
        #expect(CheckConfigDispatch.classify(file, directory: Self.directory) == kind)
    }

    @Test func alertmanagerFileGetsAmtoolOutput() {
        let result = CheckConfigDispatch.run(paths: ["am.yml"], directory: Self.directory)
        #expect(result == CheckResult(stdout: Self.amOK))
    }

    @Test func invalidAlertmanagerFileFailsAsAmtool() {
        let result = CheckConfigDispatch.run(paths: ["bad-am.yml"], directory: Self.directory)
        #expect(result.stdout == "Checking 'bad-am.yml'  FAILED: undefined receiver \"nope\" used in route\n\n")
        #expect(result.stderr == "amtool: error: failed to validate 1 file(s)\n\n")
        #expect(result.exitCode == 1)
    }

    @Test func mixedFileIsCheckedAsPrometheusAndNamesBothFields() {
        let result = CheckConfigDispatch.run(paths: ["mixed.yml"], directory: Self.directory)
        #expect(result.stdout == "Checking mixed.yml\n\n")
        #expect(
            result.stderr
                == "  FAILED: parsing YAML file mixed.yml: yaml: unmarshal errors:\n"
                + "  line 1: field route not found in type config.plain\n"
                + "  line 3: field receivers not found in type config.plain\n"
        )
        #expect(result.exitCode == 1)
    }

    @Test func forcedAlertmanagerKindOnMixedFileFailsAsAmtool() {
        let result = CheckConfigDispatch.run(paths: ["mixed.yml"], kind: .alertmanager, directory: Self.directory)
        #expect(
            result.stdout
                == "Checking 'mixed.yml'  FAILED: yaml: unmarshal errors:\n"
                + "  line 5: field scrape_configs not found in type config.plain\n\n"
        )
        #expect(result.stderr == "amtool: error: failed to validate 1 file(s)\n\n")
        #expect(result.exitCode == 1)
    }

    @Test func unknownFileFailsAsPromtool() {
        let result = CheckConfigDispatch.run(paths: ["unknown.yml"], directory: Self.directory)
        #expect(result.stdout == "Checking unknown.yml\n\n")
        #expect(
            result.stderr
                == "  FAILED: parsing YAML file unknown.yml: yaml: unmarshal errors:\n"
                + "  line 1: field foo not found in type config.plain\n"
        )
        #expect(result.exitCode == 1)
        let forced = CheckConfigDispatch.run(paths: ["unknown.yml"], kind: .alertmanager, directory: Self.directory)
        #expect(
            forced.stdout
                == "Checking 'unknown.yml'  FAILED: yaml: unmarshal errors:\n"
                + "  line 1: field foo not found in type config.plain\n\n"
        )
        #expect(forced.exitCode == 1)
    }

    @Test func forcedPrometheusKindOnAlertmanagerFile() {
        let result = CheckConfigDispatch.run(paths: ["am.yml"], kind: .prometheus, directory: Self.directory)
        #expect(result.stdout == "Checking am.yml\n\n")
        #expect(result.stderr.contains("field route not found in type config.plain"))
        #expect(result.exitCode == 1)
    }

    @Test func filesOfBothKindsAreCheckedInOrderAndTheWorstExitCodeWins() {
        let good = CheckConfigDispatch.run(paths: ["prom.yml", "am.yml"], directory: Self.directory)
        #expect(good == CheckResult(stdout: Self.promOK + Self.amOK))
        let bad = CheckConfigDispatch.run(paths: ["am.yml", "bad-am.yml", "prom.yml"], directory: Self.directory)
        #expect(
            bad.stdout
                == Self.amOK + "Checking 'bad-am.yml'  FAILED: undefined receiver \"nope\" used in route\n\n"
                + Self.promOK
        )
        #expect(bad.stderr == "amtool: error: failed to validate 1 file(s)\n\n")
        #expect(bad.exitCode == 1)
    }

    @Test func missingFileUsesPromtoolWordingUnlessForced() {
        let result = CheckConfigDispatch.run(paths: ["missing.yml"], directory: Self.directory)
        #expect(result.stderr == "promtool: error: path 'missing.yml' does not exist, try --help\n")
        #expect(result.exitCode == 1)
        let forced = CheckConfigDispatch.run(paths: ["missing.yml"], kind: .alertmanager, directory: Self.directory)
        #expect(forced.stderr == "amtool: error: path 'missing.yml' does not exist\n\n")
        #expect(forced.exitCode == 1)
    }
}
