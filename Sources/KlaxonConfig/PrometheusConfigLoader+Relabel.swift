import KlaxonModel
import KlaxonYAML

extension PrometheusConfigLoader {
    // MARK: relabeling

    static let relabelFields: Set<String> = [
        "source_labels", "separator", "target_label", "regex", "modulus", "replacement", "action",
    ]

    /// The decoded rules, and whether a null rule was present (rejected by the enclosing section).
    static func decodeRelabelConfigs(_ node: YAMLNode, reader: inout NodeReader) -> ([RelabelConfig], Bool) {
        switch node.kind {
        case .sequence(let items):
            var out: [RelabelConfig] = []
            var hasNull = false
            for item in items {
                if reader.aborted { break }
                if item.isNull {
                    hasNull = true
                } else if let config = decodeRelabelConfig(item, reader: &reader) {
                    out.append(config)
                }
            }
            return (out, hasNull)
        case .scalar where node.isNull:
            return ([], false)
        default:
            reader.typeError(node, into: "[]*relabel.Config")
            return ([], false)
        }
    }

    static func decodeRelabelConfig(_ node: YAMLNode, reader: inout NodeReader) -> RelabelConfig? {
        let before = reader.typeErrors.count
        var sourceLabels: [String] = []
        var separator = ";"
        var targetLabel = ""
        var regex = "(.*)"
        var modulus: UInt64 = 0
        var replacement = "$1"
        var action = RelabelConfig.Action.replace
        reader.forEachField(of: node, goType: "relabel.plain", known: relabelFields) { reader, name, value in
            switch name {
            case "source_labels": sourceLabels = reader.labelNames(value) ?? []
            case "separator": separator = reader.string(value) ?? separator
            case "target_label": targetLabel = reader.string(value) ?? ""
            case "regex":
                guard let text = reader.string(value) else { return }
                if let problem = RE2Syntax.error(in: text) {
                    reader.fail("error parsing regexp: " + problem)
                    return
                }
                regex = text
            case "modulus": modulus = UInt64(reader.unsigned(value, goType: "uint64") ?? 0)
            case "replacement": replacement = reader.string(value) ?? ""
            default:
                guard let text = reader.string(value) else { return }
                guard let parsed = RelabelConfig.Action(rawValue: text.lowercased()) else {
                    reader.fail("unknown relabel action \(goQuote(text))")
                    return
                }
                action = parsed
            }
        }
        if reader.aborted || reader.typeErrors.count != before { return nil }
        let config: RelabelConfig
        do {
            config = try RelabelConfig(
                sourceLabels: sourceLabels,
                separator: separator,
                targetLabel: targetLabel,
                regex: regex,
                modulus: modulus,
                replacement: replacement,
                action: action
            )
        } catch {
            reader.fail("error parsing regexp: \(error)")
            return nil
        }
        do {
            try config.validate()
        } catch {
            reader.fail(error.message)
            return nil
        }
        return config
    }
}
