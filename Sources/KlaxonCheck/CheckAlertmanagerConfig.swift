public import KlaxonNotify

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `klaxon check config` for alertmanager.yml files: output and exit codes of `amtool check-config` 0.25.
///
/// Per file: `Checking 'F'  SUCCESS` and the `Found:` summary (then `  SUCCESS` / `  FAILED: …` for the
/// templates when there are any), or `Checking 'F'  FAILED: <error>`; each followed by a blank line. Failures
/// are counted on stderr (`amtool: error: failed to validate N file(s)`), exit 1. A path that does not exist is
/// rejected before anything is checked (`amtool: error: path 'F' does not exist`). No files: reads stdin.
public enum CheckAlertmanagerConfig {
    /// `directory` (tests) resolves relative paths without changing what is printed.
    public static func run(files: [String], directory: String? = nil) -> CheckResult {
        let paths = files.isEmpty ? ["/dev/stdin"] : files
        func located(_ path: String) -> String {
            guard let directory, !path.hasPrefix("/") else { return path }
            return directory + "/" + path
        }
        for path in files where access(located(path), F_OK) != 0 {
            return CheckResult(
                stderr: "amtool: error: path '\(path)' does not exist\n\n",
                exitCode: CheckResult.failureExitCode
            )
        }
        var stdout = ""
        var failed = 0
        for path in paths {
            stdout += "Checking '\(path)'"
            let config: AlertmanagerConfig
            do {
                config = try AlertmanagerConfigLoader.load(file: located(path))
            } catch {
                stdout += "  FAILED: \(error.description)\n\n"
                failed += 1
                continue
            }
            stdout += config.checkReport(file: path).dropFirst("Checking '\(path)'".count).dropLast()
            if !config.templates.isEmpty {
                do {
                    _ = try ReceiverTemplates(config: config)
                    stdout += "  SUCCESS\n"
                } catch {
                    stdout += "  FAILED: \(error)\n"
                    failed += 1
                }
            }
            stdout += "\n"
        }
        guard failed > 0 else { return CheckResult(stdout: stdout) }
        return CheckResult(
            stdout: stdout,
            stderr: "amtool: error: failed to validate \(failed) file(s)\n\n",
            exitCode: CheckResult.failureExitCode
        )
    }

    /// Whether a YAML text looks like an alertmanager.yml rather than a prometheus.yml: it has a top-level
    /// `route:` or `receivers:` key, and none of Prometheus' `scrape_configs:`, `rule_files:` or `alerting:`.
    public static func looksLikeAlertmanagerConfig(_ yaml: String) -> Bool {
        var alertmanager = false
        for line in yaml.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-" else { continue }
            let key = line.prefix { $0 != ":" }
            switch key {
            case "route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals", "templates":
                alertmanager = true
            case "scrape_configs", "rule_files", "alerting", "remote_write", "remote_read", "storage", "tracing":
                return false
            default: break
            }
        }
        return alertmanager
    }
}
