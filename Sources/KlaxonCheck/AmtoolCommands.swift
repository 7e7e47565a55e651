public import KlaxonModel
import KlaxonNotify
public import KlaxonTemplate

extension CheckResult {
    /// amtool's `amtool: error: …` (kingpin adds a blank line after most).
    static func amtoolError(_ message: String, trailingBlankLine: Bool = true) -> CheckResult {
        CheckResult(stderr: "amtool: error: " + message + (trailingBlankLine ? "\n\n" : "\n"), exitCode: 1)
    }
}

/// `klaxon routes`, `klaxon routes test`, `klaxon template render`: `amtool config routes`, `amtool config routes
/// test` and `amtool template render` (0.25) on local files, with amtool's output and exit codes.
/// amtool's `Warning: --config.file flag overrides the --alertmanager.url.` stderr line is not printed (Klaxon
/// has no `--alertmanager.url`).
public enum AmtoolCommands {
    /// `amtool config routes --config.file=F`.
    public static func routes(configFile: String, directory: String? = nil) -> CheckResult {
        switch loadRoute(configFile, directory: directory) {
        case .failure(let output): return output
        case .success(let route): return CheckResult(stdout: route.routingTree())
        }
    }

    /// `amtool config routes test --config.file=F [--tree] [--verify.receivers=R] label=value…`: the matching
    /// receivers, comma-joined; with `verifyReceivers`, a mismatch prints a warning and exits 1.
    public static func routesTest(
        configFile: String,
        tree: Bool,
        verifyReceivers: String?,
        labels arguments: [String],
        directory: String? = nil
    ) -> CheckResult {
        let route: Route
        switch loadRoute(configFile, directory: directory) {
        case .failure(var output):
            // `routes test` reports a configuration error through kingpin (blank line after it).
            if output.stderr.hasSuffix("\n") && !output.stderr.hasSuffix("\n\n") { output.stderr += "\n" }
            return output
        case .success(let loaded): route = loaded
        }
        var labels: [Label] = []
        for argument in arguments {
            do {
                let matcher = try MatcherParser.parseMatcher(argument)
                guard matcher.type == .equal else {
                    return .amtoolError("Failed to parse labels: labels must be specified as key=value pairs")
                }
                labels.removeAll { $0.name == matcher.name }
                labels.append(Label(matcher.name, matcher.value))
            } catch {
                return .amtoolError("Failed to parse labels: " + error.description)
            }
        }
        let labelSet = Labels(labels.sorted { $0.name < $1.name })
        var stdout = route.routesTest(labelSet, tree: tree)
        let receivers = route.match(labelSet).map(\.options.receiver).joined(separator: ",")
        if let verifyReceivers, !verifyReceivers.isEmpty, verifyReceivers != receivers {
            stdout += "WARNING: Expected receivers did not match resolved receivers.\n"
            return CheckResult(stdout: stdout, exitCode: 1)
        }
        return CheckResult(stdout: stdout)
    }

    private static func loadRoute(_ file: String, directory: String?) -> Result<Route, CheckResult> {
        let path = directory.map { file.hasPrefix("/") ? file : $0 + "/" + file } ?? file
        guard (try? readFile(path).get()) != nil else { return .failure(.amtoolError("path '\(file)' does not exist")) }
        do {
            let config = try AlertmanagerConfigLoader.load(file: path)
            return .success(config.build().route)
        } catch {
            return .failure(.amtoolError(error.description, trailingBlankLine: false))
        }
    }

    /// `amtool template render` at the current time.
    public static func templateRender(globs: [String], text: String, directory: String? = nil) -> CheckResult {
        templateRender(globs: globs, text: text, now: SystemClock().now(), directory: directory)
    }

    /// `amtool template render --template.glob=G… --template.text=T` with amtool's sample data (times relative to
    /// `now`). No trailing newline is added to the rendered text.
    public static func templateRender(
        globs: [String],
        text: String,
        now: Timestamp,
        directory: String? = nil
    ) -> CheckResult {
        if globs.isEmpty { return .amtoolError("required flag --template.glob not provided") }
        var files: [(name: String, text: String)] = []
        for glob in globs {
            let pattern = directory.map { glob.hasPrefix("/") ? glob : $0 + "/" + glob } ?? glob
            for path in globFiles(pattern) {
                guard let bytes = try? readFile(path).get() else {
                    return .amtoolError("open \(path): permission denied")
                }
                files.append(
                    (path.split(separator: "/").last.map(String.init) ?? path, String(decoding: bytes, as: UTF8.self))
                )
            }
        }
        do {
            let templates = try ReceiverTemplates(namedFiles: files, includeDefaults: false)
            return CheckResult(stdout: try templates.render(text, templateData: sampleData(now: now)))
        } catch {
            return .amtoolError("\(error)")
        }
    }

    /// amtool 0.25's `template render` sample data.
    public static func sampleData(now: Timestamp) -> AlertmanagerTemplateData {
        let common = ["commonlabelkey1": "commonlabelvalue1", "commonlabelkey2": "commonlabelvalue2"]
        let commonAnnotations = [
            "commonannotationkey1": "commonannotationvalue1", "commonannotationkey2": "commonannotationvalue2",
        ]
        func merged(_ a: [String: String], _ b: [String: String]) -> [String: String] { a.merging(b) { x, _ in x } }
        return AlertmanagerTemplateData(
            receiver: "receiver",
            status: "alertstatus",
            alerts: [
                AlertmanagerTemplateAlert(
                    status: "alertstatus",
                    labels: merged(["label1": "value1", "label2": "value2", "instance": "foo.bar:1234"], common),
                    annotations: merged(["annotation1": "value1", "annotation2": "value2"], commonAnnotations),
                    startsAt: now - 5 * 60_000,
                    endsAt: now,
                    generatorURL: "https://generatorurl.com",
                    fingerprint: "fingerprint1"
                ),
                AlertmanagerTemplateAlert(
                    status: "alertstatus",
                    labels: merged(["foo": "bar", "baz": "qux"], common),
                    annotations: merged(["aaa": "bbb", "ccc": "ddd"], commonAnnotations),
                    startsAt: now - 10 * 60_000,
                    endsAt: now,
                    generatorURL: "https://generatorurl.com",
                    fingerprint: "fingerprint2"
                ),
            ],
            groupLabels: ["grouplabelkey1": "grouplabelvalue1", "grouplabelkey2": "grouplabelvalue2"],
            commonLabels: common,
            commonAnnotations: commonAnnotations,
            externalURL: "https://example.com"
        )
    }
}
