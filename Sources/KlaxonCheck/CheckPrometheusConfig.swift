import KlaxonConfig
import KlaxonDiscovery
import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `promtool check config` (Prometheus 2.42): same stdout, stderr and exit code, including the `check rules`
/// block for every rule file the config names.
public enum CheckPrometheusConfig {
    public struct Options: Sendable {
        /// `--syntax-only`: do not check rule files, file_sd files or other referenced files.
        public var syntaxOnly: Bool
        public var rules: CheckRules.Options

        public init(syntaxOnly: Bool = false, rules: CheckRules.Options = .init()) {
            self.syntaxOnly = syntaxOnly
            self.rules = rules
        }
    }

    /// Checks the config files at `paths` (printed as given). `directory`, when set, is the working directory
    /// relative paths are opened from (tests); the printed names stay as promtool prints them.
    public static func run(paths: [String], options: Options = .init(), directory: String? = nil) -> CheckResult {
        if paths.isEmpty {
            return CheckResult(
                stderr: "promtool: error: required argument 'config-files' not provided, try --help\n",
                exitCode: CheckResult.failureExitCode
            )
        }
        let base = directory ?? "."
        // kingpin's ExistingFiles validates every argument before the command runs.
        for path in paths {
            if CheckRules.isDirectory(locate(path, in: base)) {
                return CheckResult(
                    stderr: "promtool: error: '\(path)' is a directory, try --help\n",
                    exitCode: CheckResult.failureExitCode
                )
            }
            if !exists(locate(path, in: base)) {
                return CheckResult(
                    stderr: "promtool: error: path '\(path)' does not exist, try --help\n",
                    exitCode: CheckResult.failureExitCode
                )
            }
        }
        var lintDuplicates = false
        var output = CheckResult()
        for setting in options.rules.lint.split(separator: ",", omittingEmptySubsequences: false) {
            switch setting {
            case "all", "duplicate-rules": lintDuplicates = true
            case "none": break
            default: output.stdout += "WARNING: unknown lint option \(setting)\n"
            }
        }
        var failed = false
        var hasErrors = false
        for path in paths {
            output.stdout += "Checking \(path)\n"
            var ruleFiles: [String] = []
            switch checkConfig(path, base: base, syntaxOnly: options.syntaxOnly, output: &output) {
            case .failure(let error):
                output.stderr += "  FAILED: \(error.message)\n"
                failed = true
                hasErrors = true
            case .success(let files):
                ruleFiles = files
                if !files.isEmpty { output.stdout += "  SUCCESS: \(files.count) rule files found\n" }
                output.stdout += " SUCCESS: \(path) is valid prometheus config file syntax\n"
            }
            output.stdout += "\n"
            for ruleFile in ruleFiles {
                output.stdout += "Checking \(ruleFile)\n"
                let contents = CheckRules.readFile(locate(ruleFile, in: base))
                let result = CheckRules.check(
                    contents,
                    name: ruleFile,
                    options: options.rules,
                    lintDuplicates: lintDuplicates
                )
                switch result {
                case .success(let count):
                    output.stdout += "  SUCCESS: \(count) rules found\n"
                case .errors(let lines, let lintOnly):
                    // promtool prints these with fmt.Fprintln(os.Stderr, "    ", err): five spaces.
                    output.stderr += "  FAILED:\n"
                    for line in lines { output.stderr += "     " + line + "\n" }
                    failed = true
                    hasErrors = hasErrors || !lintOnly
                }
                output.stdout += "\n"
            }
        }
        if failed && hasErrors {
            output.exitCode = CheckResult.failureExitCode
        } else if failed && options.rules.lintFatal {
            output.exitCode = CheckResult.lintExitCode
        }
        return output
    }

    /// promtool's `checkConfig`: loads the file, then (unless syntax-only) resolves rule files and checks the files
    /// the scrape configs reference. Warnings go to `output.stdout` as they are found.
    static func checkConfig(
        _ path: String,
        base: String,
        syntaxOnly: Bool,
        output: inout CheckResult
    ) -> Result<[String], ConfigError> {
        let config: PrometheusConfig
        switch readConfig(path, base: base) {
        case .success(let loaded): config = loaded
        case .failure(let error): return .failure(error)
        }
        var ruleFiles: [String] = []
        if !syntaxOnly {
            for pattern in config.ruleFiles {
                let resolved = config.resolve(pattern)
                let matches = glob(resolved, base: base)
                if !resolved.contains("*") && matches.isEmpty {
                    return .failure(ConfigError("\(goQuoted(resolved)) does not point to an existing file"))
                }
                ruleFiles += matches
            }
        }
        for scrape in config.scrapeConfigs {
            if !syntaxOnly, let authorization = scrape.http.authorization,
                case .file(let file) = authorization.credentials
            {
                let resolved = config.resolve(file)
                if let problem = statError(locate(resolved, in: base), shown: resolved) {
                    return .failure(
                        ConfigError(
                            "error checking authorization credentials or bearer token file \(goQuoted(resolved)): "
                                + problem
                        )
                    )
                }
            }
            // promtool's checkTLSConfig: the cert/key pairing (even with --syntax-only), then that both exist.
            let tls = scrape.http.tls
            if !tls.certFile.isEmpty && tls.keyFile.isEmpty {
                return .failure(
                    ConfigError(
                        "client cert file \(goQuoted(config.resolve(tls.certFile))) specified without client key file"
                    )
                )
            }
            if !tls.keyFile.isEmpty && tls.certFile.isEmpty {
                return .failure(
                    ConfigError(
                        "client key file \(goQuoted(config.resolve(tls.keyFile))) specified without client cert file"
                    )
                )
            }
            if !syntaxOnly {
                for (kind, file) in [("client cert", tls.certFile), ("client key", tls.keyFile)] where !file.isEmpty {
                    let resolved = config.resolve(file)
                    if let problem = statError(locate(resolved, in: base), shown: resolved) {
                        return .failure(ConfigError("error checking \(kind) file \(goQuoted(resolved)): \(problem)"))
                    }
                }
            }
            if let problem = checkTargetGroups(scrape.staticConfigs, scrape) { return .failure(problem) }
            if syntaxOnly { continue }
            for fileSD in scrape.fileSDConfigs {
                for pattern in fileSD.files {
                    let resolved = config.resolve(pattern)
                    let matches = glob(resolved, base: base)
                    if matches.isEmpty {
                        output.stdout +=
                            "  WARNING: file \(goQuoted(resolved)) for file_sd in scrape job \(goQuoted(scrape.jobName)) does not exist\n"
                        continue
                    }
                    for match in matches {
                        let text: String
                        switch CheckRules.readFile(locate(match, in: base)) {
                        case .success(let contents): text = contents
                        case .failure(let error):
                            return .failure(
                                ConfigError("checking SD file \(goQuoted(resolved)): \(error.message(for: match))")
                            )
                        }
                        let groups: [TargetGroup]
                        do {
                            groups = try FileSD.parse(text, file: match)
                        } catch {
                            return .failure(ConfigError("checking SD file \(goQuoted(resolved)): \(error.message)"))
                        }
                        if let problem = checkTargetGroups(groups, scrape) { return .failure(problem) }
                    }
                }
            }
        }
        if !syntaxOnly {
            for alertmanager in config.alerting.alertmanagers {
                for fileSD in alertmanager.fileSDConfigs {
                    for pattern in fileSD.files {
                        let resolved = config.resolve(pattern)
                        if glob(resolved, base: base).isEmpty {
                            output.stdout +=
                                "  WARNING: file \(goQuoted(resolved)) for file_sd in alertmanager config does not exist\n"
                        }
                    }
                }
            }
        }
        return .success(ruleFiles)
    }

    /// promtool's checkTargetGroupsForScrapeConfig: every target must survive `PopulateLabels`.
    static func checkTargetGroups(_ groups: [TargetGroup], _ scrape: ScrapeConfig) -> ConfigError? {
        for group in groups {
            for (index, address) in group.targets.enumerated() {
                if let reason = TargetValidation.problem(address: address, group: group, config: scrape) {
                    return ConfigError("instance \(index) in group \(group.source): \(reason)")
                }
            }
        }
        return nil
    }

    static func readConfig(_ path: String, base: String) -> Result<PrometheusConfig, ConfigError> {
        let text: String
        switch CheckRules.readFile(locate(path, in: base)) {
        case .success(let contents): text = contents
        case .failure(let error): return .failure(ConfigError(error.message(for: path)))
        }
        do {
            return .success(try PrometheusConfigLoader.parse(text, file: path))
        } catch {
            return .failure(ConfigError("parsing YAML file \(path): \(error.message)"))
        }
    }

    static func locate(_ path: String, in base: String) -> String {
        path.hasPrefix("/") || base == "." ? path : base + "/" + path
    }

    /// Glob matches of `pattern`, reported relative as written (tests run from another working directory).
    static func glob(_ pattern: String, base: String) -> [String] {
        let located = locate(pattern, in: base)
        let matches = FileSD.glob(located)
        guard located != pattern else { return matches }
        let prefix = base + "/"
        return matches.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Go's `os.Stat` error text for a missing or unreadable file, nil when it exists.
    static func statError(_ path: String, shown: String) -> String? {
        var info = stat()
        if stat(path, &info) == 0 { return nil }
        return "stat \(shown): " + String(cString: strerror(errno)).lowercased()
    }

    static func goQuoted(_ text: String) -> String { goQuote(text) }
}
