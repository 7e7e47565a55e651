import Testing

@testable import KlaxonCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `check config` on alertmanager.yml files against the real `amtool check-config` 0.25, recorded by
/// scripts/record/amtool-check-config.py (stdout, stderr and exit code, byte for byte).
@Suite struct CheckAlertmanagerConfigGoldenTests {
    static let directory: String = {
        let file = "\(#filePath)"
        let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder + "/Fixtures/amtool-check-config"
    }()

    static let cases = CheckRulesGoldenTests.listing(in: directory, suffix: ".args")

    static func read(_ name: String) -> String? { CheckRulesGoldenTests.read(name, in: directory) }

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 70)
    }

    @Test(arguments: cases)
    func matchesAmtool(_ base: String) throws {
        guard let stdout = Self.read(base + ".stdout"), let stderr = Self.read(base + ".stderr"),
            let exit = Self.read(base + ".exit"), let code = Int32(exit.filter { !$0.isWhitespace }),
            let arguments = Self.read(base + ".args")
        else {
            Issue.record("no recorded output for \(base); run scripts/record/amtool-check-config.py")
            return
        }
        let files = arguments.split(separator: "\n").map(String.init)
        let actual = CheckAlertmanagerConfig.run(files: files, directory: Self.directory)
        #expect(actual.stdout == stdout)
        #expect(actual.stderr == stderr)
        #expect(actual.exitCode == code)
    }

    /// The embedded default (alertmanager/alertmanager.yml) as `amtool check-config` 0.25 reports it.
    @Test func embeddedDefaultPassesAsAmtoolSays() {
        let root = Self.directory.split(separator: "/", omittingEmptySubsequences: false).dropLast(4)
            .joined(separator: "/")
        let result = CheckAlertmanagerConfig.run(files: ["alertmanager.yml"], directory: root + "/alertmanager")
        #expect(
            result.stdout
                == "Checking 'alertmanager.yml'  SUCCESS\nFound:\n - global config\n - route\n - 1 inhibit rules\n"
                + " - 1 receivers\n - 1 templates\n  SUCCESS\n\n"
        )
        #expect(result.stderr == "")
        #expect(result.exitCode == 0)
        let routes = AmtoolCommands.routesTest(
            configFile: root + "/alertmanager/alertmanager.yml",
            tree: false,
            verifyReceivers: "default",
            labels: ["severity=critical", "alertname=X"]
        )
        #expect(routes.stdout == "default\n" && routes.exitCode == 0)
    }

    @Test func detectsAlertmanagerConfigs() {
        #expect(CheckAlertmanagerConfig.looksLikeAlertmanagerConfig("route:\n  receiver: a\nreceivers:\n  - name: a\n"))
        #expect(CheckAlertmanagerConfig.looksLikeAlertmanagerConfig("global:\n  resolve_timeout: 1m\nreceivers: []\n"))
        #expect(
            !CheckAlertmanagerConfig.looksLikeAlertmanagerConfig(
                "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: x\n"
            )
        )
        #expect(
            !CheckAlertmanagerConfig.looksLikeAlertmanagerConfig(
                "alerting:\n  alertmanagers: []\nroute: {}\n"
            )
        )
        #expect(!CheckAlertmanagerConfig.looksLikeAlertmanagerConfig("# route: x\n  route: y\n"))
    }
}
