import Foundation
import KlaxonModel
import Testing

@testable import KlaxonNotify

/// `AlertmanagerConfig.validate()` on configurations built in code, checked against `amtool check-config` 0.25
/// outputs in Fixtures/check-config, recorded by `scripts/record/amtool-check-config.py` (its NOTIFY cases: the same
/// YAML as the KlaxonCheckTests goldens, stdout + stderr + `exit <code>` in one .out file). The YAML path
/// (loader + `klaxon check config`) has its own recorded cases in KlaxonCheckTests.
@Suite struct AlertmanagerConfigTests {
    typealias Config = AlertmanagerConfig

    static func base() -> Config {
        var config = Config()
        config.receivers = [
            .init(name: "default"), .init(name: "hook", webhookConfigs: [WebhookConfig(url: "http://x/")]),
        ]
        return config
    }

    static func with(_ route: RouteSpec?, _ edit: (inout Config) -> Void = { _ in }) -> Config {
        var config = base()
        config.route = route
        edit(&config)
        return config
    }

    static let cases: [String: Config] = [
        "ok": with(
            RouteSpec(
                receiver: "default",
                routes: [RouteSpec(receiver: "hook", matchers: [matcher("severity=page")], continue: true)]
            )
        ) {
            $0.inhibitRules = [
                InhibitRule(sourceMatchers: [matcher("a=b")], targetMatchers: [matcher("c=d")], equal: ["x"])
            ]
        },
        "no_route": with(nil),
        "no_default_receiver": with(RouteSpec(groupBy: ["a"])),
        "root_matchers": with(RouteSpec(receiver: "default", matchers: [matcher("a=b")])),
        "root_continue": with(RouteSpec(receiver: "default", continue: true)),
        "root_mute": with(RouteSpec(receiver: "default", muteTimeIntervals: ["x"])) {
            $0.timeIntervals = [NamedTimeInterval(name: "x", intervals: [TimeInterval(weekdays: [1...1])])]
        },
        "root_active": with(RouteSpec(receiver: "default", activeTimeIntervals: ["a"])),
        "undefined_receiver": with(
            RouteSpec(
                receiver: "default",
                routes: [RouteSpec(receiver: "default", routes: [RouteSpec(receiver: "nope")])]
            )
        ),
        "dup_receiver": with(RouteSpec(receiver: "default")) {
            $0.receivers = [.init(name: "default"), .init(name: "default")]
        },
        "empty_receiver_name": with(RouteSpec(receiver: "default")) {
            $0.receivers = [.init(name: "default"), .init(name: "")]
        },
        "zero_group_interval": with(
            RouteSpec(receiver: "default", routes: [RouteSpec(receiver: "hook", groupInterval: 0)])
        ),
        "zero_repeat": with(RouteSpec(receiver: "default", repeatInterval: 0)),
        "dup_group_by": with(RouteSpec(receiver: "default", groupBy: ["a", "b", "a"])),
        "bad_group_by": with(RouteSpec(receiver: "default", groupBy: ["a-b"])),
        "wildcard_mixed": with(RouteSpec(receiver: "default", groupBy: ["...", "a"])),
        "undefined_interval": with(
            RouteSpec(receiver: "default", routes: [RouteSpec(receiver: "hook", muteTimeIntervals: ["night"])])
        ),
        "undefined_active_interval": with(
            RouteSpec(receiver: "default", routes: [RouteSpec(receiver: "hook", activeTimeIntervals: ["day"])])
        ),
        "dup_time_interval": with(RouteSpec(receiver: "default")) {
            $0.timeIntervals = [
                NamedTimeInterval(name: "x", intervals: []), NamedTimeInterval(name: "x", intervals: []),
            ]
        },
        "slack_no_url": with(RouteSpec(receiver: "s")) {
            $0.receivers = [.init(name: "s", slackConfigs: [SlackConfig(apiURL: "", channel: "#a")])]
        },
        "webhook_no_url": with(RouteSpec(receiver: "h")) {
            $0.receivers = [.init(name: "h", webhookConfigs: [WebhookConfig(url: "", maxAlerts: 1)])]
        },
        "webhook_no_scheme": with(RouteSpec(receiver: "h")) {
            $0.receivers = [.init(name: "h", webhookConfigs: [WebhookConfig(url: "x/y")])]
        },
        "inhibit_bad_equal": with(RouteSpec(receiver: "default")) {
            $0.inhibitRules = [
                InhibitRule(sourceMatchers: [matcher("a=b")], targetMatchers: [matcher("c=d")], equal: ["x-y"])
            ]
        },
    ]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/check-config")

    @Test func everyRecordedCaseHasAConfig() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        let names = Set(files.filter { $0.hasSuffix(".out") }.map { String($0.dropLast(4)) })
        #expect(names == Set(Self.cases.keys))
    }

    @Test(arguments: cases.keys.sorted())
    func matchesAmtool(name: String) throws {
        let url = Self.directory.appendingPathComponent(name + ".out")
        let recorded = try String(contentsOf: url, encoding: .utf8)
        let config = try #require(Self.cases[name])
        let ours: String
        do {
            try config.validate()
            ours = config.checkReport(file: name + ".yml") + "exit 0\n"
        } catch {
            ours =
                "Checking '\(name).yml'  FAILED: \(error.description)\n\n"
                + "amtool: error: failed to validate 1 file(s)\n\nexit 1\n"
        }
        #expect(ours == recorded)
    }

    @Test func buildAppliesGlobalSlackURL() throws {
        var config = Self.with(RouteSpec(receiver: "s"))
        config.global.slackAPIURL = "https://hooks.slack.example/T0"
        config.receivers = [.init(name: "s", slackConfigs: [SlackConfig(apiURL: "")])]
        try config.validate()
        let (route, receivers) = config.build()
        #expect(route.options.receiver == "s")
        guard case .slack(let slack) = receivers.first?.integrations.first else {
            Issue.record("no slack integration")
            return
        }
        #expect(slack.apiURL == "https://hooks.slack.example/T0")
    }

    @Test func labelNames() {
        #expect(isValidLabelName("_a1"))
        #expect(isValidLabelName("Zz_9"))
        #expect(!isValidLabelName(""))
        #expect(!isValidLabelName("1a"))
        #expect(!isValidLabelName("a.b"))
        #expect(!isValidLabelName("é"))
    }
}
