public import KlaxonConfig
import KlaxonModel
import KlaxonYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-based service discovery: JSON or YAML files holding a list of `{targets: [...], labels: {...}}` groups.
public enum FileSD {
    /// The target groups in `text`, read from `file` (JSON is read as YAML, which is a superset). Each group
    /// carries `__meta_filepath` and a source of `file:index`, as Prometheus' file SD.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> [TargetGroup] {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text)
        } catch {
            throw ConfigError(error.message)
        }
        guard let root else { return [] }
        var reader = NodeReader(goYAMLv2: true)
        var groups: [TargetGroup] = []
        guard let items = reader.sequence(root, goType: "[]*targetgroup.Group") else {
            throw ConfigError(reader.errorMessage ?? "invalid target group file")
        }
        let json = file.hasSuffix(".json") || file.hasSuffix(".JSON")
        for (index, item) in items.enumerated() {
            var group = TargetGroup(targets: [], source: "\(file):\(index)")
            if json, case .mapping(let pairs) = item.kind {
                // encoding/json with DisallowUnknownFields.
                for pair in pairs {
                    let key = pair.key.scalarValue ?? ""
                    if key != "targets" && key != "labels" { throw ConfigError("json: unknown field \(goQuote(key))") }
                }
            }
            reader.forEachField(
                of: item,
                goType: PrometheusConfigLoader.staticGroupType,
                known: ["targets", "labels"]
            ) { reader, name, value in
                switch name {
                case "targets": group.targets = reader.strings(value) ?? []
                default: group.labels = reader.labelSet(value) ?? .empty
                }
            }
            group.labels = group.labels.setting("__meta_filepath", to: file)
            groups.append(group)
        }
        if let message = reader.errorMessage { throw ConfigError(message) }
        return groups
    }

    /// Reads every file matching the patterns (sorted per pattern, as Go's `filepath.Glob`); unreadable or invalid
    /// files are reported in `errors` and skipped, as Prometheus keeps the other files' targets.
    public static func load(patterns: [String]) -> (groups: [TargetGroup], errors: [String]) {
        var groups: [TargetGroup] = []
        var errors: [String] = []
        for pattern in patterns {
            for file in glob(pattern) {
                switch readTextFile(file) {
                case .failure(let error): errors.append(error.description)
                case .success(let text):
                    do {
                        groups += try parse(text, file: file)
                    } catch {
                        errors.append("error reading file \(goQuote(file)): \(error.message)")
                    }
                }
            }
        }
        return (groups, errors)
    }

    /// The sorted paths matching a shell pattern (Go `filepath.Glob`); empty when nothing matches.
    public static func glob(_ pattern: String) -> [String] { globFiles(pattern) }
}
