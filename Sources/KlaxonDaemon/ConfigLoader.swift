import KlaxonConfig
import KlaxonModel
import KlaxonNotify
import KlaxonPromQL
import KlaxonRules
import KlaxonScrape
import KlaxonServer

/// One complete, validated configuration: nothing is applied until all of it has loaded, so a broken file on
/// reload leaves the running configuration untouched.
struct LoadedConfiguration: Sendable {
    var prometheus: PrometheusConfig
    var prometheusSource: String
    var groups: [RuleGroup]
    var ruleFiles: [String]
    var alertmanager: KlaxonNotify.AlertmanagerConfig
    var alertmanagerSource: String
}

struct ConfigLoader: Sendable {
    let options: DaemonOptions

    func load() throws(DaemonError) -> LoadedConfiguration {
        let prometheus: PrometheusConfig
        let source: String
        let baseDirectory: String
        if let file = options.configFile {
            do {
                prometheus = try PrometheusConfigLoader.load(file: file)
            } catch {
                throw DaemonError("couldn't load configuration (--config.file=\(goQuote(file))): \(error)")
            }
            // Checked when Prometheus applies the config (promtool accepts such a file): refused at start and reload.
            if let error = prometheus.remoteStorageError() {
                throw DaemonError("couldn't load configuration (--config.file=\(goQuote(file))): \(error)")
            }
            source = file
            baseDirectory = directoryName(file)
        } else {
            guard let rulesDirectory = options.rulesDirectory ?? EmbeddedDefault.locate("rules") else {
                throw DaemonError("embedded default: no rules/ directory found (pass --rules.dir or --config.file)")
            }
            let (host, port) = options.listenHostPort
            let target = (host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host) + ":\(port)"
            let yaml = EmbeddedDefault.prometheusYAML(
                selfTarget: target,
                metricsPath: ServerConfiguration.routePrefix(of: options.resolvedExternalURL) + "/metrics",
                ruleFiles: EmbeddedDefault.ruleFiles(in: rulesDirectory)
            )
            do {
                prometheus = try PrometheusConfigLoader.parse(yaml, file: "<embedded default>")
            } catch {
                throw DaemonError("embedded default configuration is invalid: \(error)")
            }
            source = "embedded default (rules from \(rulesDirectory))"
            baseDirectory = ""
        }

        var ruleFiles: [String] = []
        for pattern in prometheus.ruleFiles {
            ruleFiles += expandGlob(resolve(pattern, relativeTo: baseDirectory))
        }
        let groupOptions = RuleGroupOptions(
            defaultInterval: prometheus.global.evaluationInterval,
            externalLabels: prometheus.global.externalLabels,
            externalURL: options.resolvedExternalURL,
            resendDelay: options.resendDelay,
            engine: engineOptions
        )
        var groups: [RuleGroup] = []
        for file in ruleFiles {
            let text = try readConfigText(file)
            switch RuleFileLoader.parse(text, options: RuleLoadOptions(parser: parserOptions)) {
            case .failure(let errors):
                throw DaemonError(
                    "error loading rules, previous rule set restored: \(file): \(errors.joined(separator: "; "))"
                )
            case .success(let parsed):
                for spec in parsed.groups { groups.append(RuleGroup(spec: spec, file: file, options: groupOptions)) }
            }
        }

        let alertmanager: KlaxonNotify.AlertmanagerConfig
        let amSource: String
        if let file = options.alertmanagerConfigFile ?? defaultAlertmanagerFile() {
            do {
                alertmanager = try AlertmanagerConfigLoader.load(file: file)
            } catch {
                throw DaemonError("couldn't load routing configuration (\(file)): \(error)")
            }
            amSource = file
        } else {
            do {
                alertmanager = try AlertmanagerConfigLoader.parse(
                    EmbeddedDefault.alertmanagerYAML,
                    file: "<embedded default>"
                )
            } catch {
                throw DaemonError("embedded default routing is invalid: \(error)")
            }
            amSource = "embedded default (log only)"
        }
        return LoadedConfiguration(
            prometheus: prometheus,
            prometheusSource: source,
            groups: groups,
            ruleFiles: ruleFiles,
            alertmanager: alertmanager,
            alertmanagerSource: amSource
        )
    }

    var engineOptions: EngineOptions {
        var engine = EngineOptions()
        engine.lookbackDelta = options.lookbackDelta
        engine.mode = options.engineMode
        engine.maxSamples = options.queryMaxSamples
        engine.timeout = .milliseconds(options.queryTimeout)
        return engine
    }

    var parserOptions: ParserOptions {
        options.engineMode == .prometheus2 ? .prometheus2 : .prometheus3
    }

    /// `alertmanager/alertmanager.yml` of the embedded default, when there is one and no explicit file was given.
    private func defaultAlertmanagerFile() -> String? {
        guard options.configFile == nil || options.alertmanagerDirectory != nil else { return nil }
        guard let directory = options.alertmanagerDirectory ?? EmbeddedDefault.locate("alertmanager") else {
            return nil
        }
        let file = resolve("alertmanager.yml", relativeTo: directory)
        return fileExists(file) ? file : nil
    }
}
