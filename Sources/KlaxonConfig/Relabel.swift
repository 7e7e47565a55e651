public import KlaxonModel

/// Applies relabeling rules in order, as Prometheus's `relabel.Process`.
public enum Relabel {
    /// The relabeled label set, or `nil` when a rule dropped it.
    public static func process(_ labels: Labels, _ configs: [RelabelConfig]) -> Labels? {
        var current = labels
        for config in configs {
            guard let next = apply(current, config) else { return nil }
            current = next
        }
        return current
    }

    static func apply(_ labels: Labels, _ config: RelabelConfig) -> Labels? {
        let value = config.sourceLabels.map { labels[$0] }.joined(separator: config.separator)
        switch config.action {
        case .drop:
            return config.regex.matches(value) ? nil : labels
        case .keep:
            return config.regex.matches(value) ? labels : nil
        case .dropequal:
            return labels[config.targetLabel] == value ? nil : labels
        case .keepequal:
            return labels[config.targetLabel] == value ? labels : nil
        case .replace:
            guard let match = config.regex.match(value) else { return labels }
            let target = match.expand(config.targetLabel)
            guard isValidLabelName(target) else { return labels }
            let result = match.expand(config.replacement)
            return labels.setting(target, to: result)
        case .lowercase:
            return labels.setting(config.targetLabel, to: value.lowercased())
        case .uppercase:
            return labels.setting(config.targetLabel, to: value.uppercased())
        case .hashmod:
            let mod = MD5.sum64(Array(value.utf8)) % config.modulus
            return labels.setting(config.targetLabel, to: String(mod))
        case .labelmap:
            var result = labels
            for label in labels {
                if let match = config.regex.match(label.name) {
                    result = result.setting(match.expand(config.replacement), to: label.value)
                }
            }
            return result
        case .labeldrop:
            return Labels(sortedUnchecked: labels.filter { !config.regex.matches($0.name) })
        case .labelkeep:
            return Labels(sortedUnchecked: labels.filter { config.regex.matches($0.name) })
        }
    }
}
