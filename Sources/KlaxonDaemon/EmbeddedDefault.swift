import KlaxonModel

#if canImport(Glibc)
import Glibc
#endif

/// The configuration `klaxon run` uses without `--config.file`: scrape Klaxon's own `/metrics`, evaluate the
/// rule files of `rules/`, route with `alertmanager/alertmanager.yml`. Generated as ordinary YAML and loaded by
/// the same loaders as a user's files, so the default exercises exactly the production path.
enum EmbeddedDefault {
    static let scrapeInterval = "10s"

    /// The `prometheus.yml` text of the default: `ruleFiles` are absolute or relative to the working directory;
    /// `metricsPath` is where Klaxon serves `/metrics` (under the `--web.external-url` path, when it has one).
    static func prometheusYAML(selfTarget: String, metricsPath: String = "/metrics", ruleFiles: [String]) -> String {
        var yaml = """
            # Klaxon's embedded default (klaxon run without --config.file).
            global:
              scrape_interval: \(scrapeInterval)
              scrape_timeout: \(scrapeInterval)
              evaluation_interval: \(scrapeInterval)
            rule_files:

            """
        for file in ruleFiles { yaml += "  - '\(file)'\n" }
        yaml += """
            scrape_configs:
              - job_name: klaxon
                metrics_path: '\(metricsPath.replacing("'", with: "''"))'
                static_configs:
                  - targets: ['\(selfTarget)']

            """
        return yaml
    }

    /// The routing used when there is no `alertmanager/alertmanager.yml` either: everything to one receiver without
    /// integrations (Klaxon logs the alerts; nothing is sent anywhere).
    static let alertmanagerYAML = """
        route:
          receiver: default
          group_by: ['alertname']
        receivers:
          - name: default

        """

    /// The example rule files of `directory`: every `*.yml`/`*.yaml` that is not a unit-test file (`*.test.yml`).
    static func ruleFiles(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var files: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { continue }
            if name.hasSuffix(".test.yml") || name.hasSuffix(".test.yaml") { continue }
            files.append(resolve(name, relativeTo: directory))
        }
        return files.sorted()
    }

    /// The first of `candidates` (a folder name such as `rules`) that exists: in the working directory, then beside
    /// the executable's package checkout (`.build/release/klaxon` → `../../rules`), then `../share/klaxon/`.
    static func locate(_ name: String) -> String? {
        var candidates = [name]
        if let executable = executablePath() {
            let binDirectory = directoryName(executable)
            candidates.append(resolve("../../\(name)", relativeTo: binDirectory))
            candidates.append(resolve("../../../\(name)", relativeTo: binDirectory))
            candidates.append(resolve("../share/klaxon/\(name)", relativeTo: binDirectory))
        }
        return candidates.first { isDirectory($0) }
    }

    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
