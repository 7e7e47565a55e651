import KlaxonModel
public import KlaxonPromQL
import KlaxonTemplate
import KlaxonYAML

/// How rule files are read.
public struct RuleLoadOptions: Sendable {
    /// Parser settings for `expr`.
    public var parser: ParserOptions
    /// Accept the Prometheus 3.x group fields `query_offset` and `labels` (2.42 rejects them as unknown).
    public var allowPrometheus3GroupFields: Bool

    public init(parser: ParserOptions = .init(), allowPrometheus3GroupFields: Bool = true) {
        self.parser = parser
        self.allowPrometheus3GroupFields = allowPrometheus3GroupFields
    }
}

/// Parses and validates rule files the way `rulefmt.Parse` does in Prometheus 2.42.
public enum RuleFileLoader {
    /// The result of parsing one file: either the rules or the errors, each worded as promtool prints it
    /// after `FILE: `.
    public enum Outcome: Sendable {
        case success(RuleFile)
        case failure([String])
    }

    public static func parse(_ text: String, options: RuleLoadOptions = .init()) -> Outcome {
        let root: YAMLNode?
        do {
            root = try YAMLParser.parse(text)
        } catch {
            switch error {
            case .syntax(let syntax):
                // go-yaml fails both decodes that rulefmt.Parse makes of the text.
                return .failure([syntax.message, syntax.message])
            case .duplicateKey(let duplicate):
                return .failure([duplicate.message])
            }
        }
        guard let root else { return .success(RuleFile(groups: [])) }

        var reader = NodeReader()
        let decoded = decodeFile(root, reader: &reader, options: options)
        var errors: [String] = []
        if let message = reader.errorMessage { errors.append(message) }
        // Second, non-strict decode into `rulefmt.ruleGroups` (positions only): fails only on shape.
        var shape = NodeReader()
        shape.forEachField(of: root, goType: "rulefmt.ruleGroups", known: ["groups"], strict: false) { shape, _, node in
            _ = shape.sequence(node, goType: "[]yaml.Node")
        }
        if let message = shape.errorMessage { errors.append(message) }
        if !errors.isEmpty { return .failure(errors) }

        var file = decoded ?? RuleFile(groups: [])
        let validation = validate(&file, options: options)
        return validation.isEmpty ? .success(file) : .failure(validation)
    }

    // MARK: decoding

    static func decodeFile(_ root: YAMLNode, reader: inout NodeReader, options: RuleLoadOptions) -> RuleFile? {
        var groups: [RuleGroupSpec] = []
        reader.forEachField(of: root, goType: "rulefmt.RuleGroups", known: ["groups"]) { reader, _, value in
            for item in reader.sequence(value, goType: "[]rulefmt.RuleGroup") ?? [] {
                if let group = decodeGroup(item, reader: &reader, options: options) { groups.append(group) }
                if reader.aborted { return }
            }
        }
        return reader.aborted ? nil : RuleFile(groups: groups)
    }

    static func decodeGroup(_ node: YAMLNode, reader: inout NodeReader, options: RuleLoadOptions) -> RuleGroupSpec? {
        var known: Set<String> = ["name", "interval", "limit", "rules"]
        if options.allowPrometheus3GroupFields { known.formUnion(["query_offset", "labels"]) }
        var group = RuleGroupSpec(
            name: "",
            interval: nil,
            queryOffset: nil,
            limit: 0,
            labels: [],
            rules: [],
            position: SourcePosition(line: node.line, column: node.column)
        )
        let isMapping = reader.forEachField(of: node, goType: "rulefmt.RuleGroup", known: known) { reader, key, value in
            switch key {
            case "name": group.name = reader.string(value) ?? ""
            case "interval": group.interval = value.isNull ? nil : reader.duration(value)
            case "query_offset": group.queryOffset = value.isNull ? nil : reader.duration(value)
            case "limit": group.limit = reader.int(value) ?? 0
            case "labels": group.labels = (reader.stringMap(value) ?? []).map { (name: $0.0, value: $0.1) }
            case "rules":
                for item in reader.sequence(value, goType: "[]rulefmt.RuleNode") ?? [] {
                    if let rule = decodeRule(item, reader: &reader, options: options) { group.rules.append(rule) }
                    if reader.aborted { return }
                }
            default: break
            }
        }
        return isMapping && !reader.aborted ? group : nil
    }

    static func decodeRule(_ node: YAMLNode, reader: inout NodeReader, options: RuleLoadOptions) -> RuleSpec? {
        let known: Set<String> = ["record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"]
        var record = ""
        var alert = ""
        var expr = ""
        var rule = RuleSpec(
            kind: .alerting(""),
            recordName: "",
            expr: "",
            parsedExpr: nil,
            forDuration: .zero,
            keepFiringFor: .zero,
            labels: [],
            annotations: [],
            recordPosition: .unknown,
            alertPosition: .unknown,
            exprPosition: .unknown
        )
        let isMapping = reader.forEachField(of: node, goType: "rulefmt.RuleNode", known: known) { reader, key, value in
            let position = SourcePosition(line: value.line, column: value.column)
            switch key {
            // record, alert and expr are yaml.Node in rulefmt: any node is accepted, collections have no value.
            case "record":
                record = value.scalarValue ?? ""
                rule.recordPosition = position
            case "alert":
                alert = value.scalarValue ?? ""
                rule.alertPosition = position
            case "expr":
                expr = value.scalarValue ?? ""
                rule.exprPosition = position
            case "for": rule.forDuration = reader.duration(value) ?? .zero
            case "keep_firing_for": rule.keepFiringFor = reader.duration(value) ?? .zero
            case "labels": rule.labels = (reader.stringMap(value) ?? []).map { (name: $0.0, value: $0.1) }
            case "annotations": rule.annotations = (reader.stringMap(value) ?? []).map { (name: $0.0, value: $0.1) }
            default: break
            }
        }
        guard isMapping, !reader.aborted else { return nil }
        rule.kind = alert.isEmpty && !record.isEmpty ? .recording(record) : .alerting(alert)
        rule.recordName = record
        rule.expr = expr
        return rule
    }

    // MARK: validation (rulefmt RuleGroups.Validate / RuleNode.Validate)

    static func validate(_ file: inout RuleFile, options: RuleLoadOptions) -> [String] {
        var errors: [String] = []
        var seen: Set<String> = []
        for g in file.groups.indices {
            let group = file.groups[g]
            if group.name.isEmpty {
                errors.append("\(group.position): Groupname must not be empty")
            }
            if !seen.insert(group.name).inserted {
                errors.append("\(group.position): groupname: \(goQuoted(group.name)) is repeated in the same file")
            }
            // Prometheus 3.x group labels (only accepted with allowPrometheus3GroupFields).
            for label in group.labels where !isValidLabelName(label.name) || label.name == "__name__" {
                errors.append("invalid label name: \(label.name)")
            }
            for r in group.rules.indices {
                var rule = file.groups[g].rules[r]
                let ruleErrors = validate(&rule, options: options)
                file.groups[g].rules[r] = rule
                let prefix = "group \(goQuoted(group.name)), rule \(r + 1), \(goQuoted(rule.name))"
                for error in ruleErrors {
                    switch (error.node, error.alternate) {
                    case (let node?, let alternate?):
                        errors.append("\(node): \(alternate): \(prefix): \(error.message)")
                    case (let node?, nil): errors.append("\(node): \(prefix): \(error.message)")
                    default: errors.append("\(prefix): \(error.message)")
                    }
                }
            }
        }
        return errors
    }

    struct RuleError {
        var message: String
        var node: SourcePosition?
        var alternate: SourcePosition?
    }

    static func validate(_ rule: inout RuleSpec, options: RuleLoadOptions) -> [RuleError] {
        var errors: [RuleError] = []
        let record = rule.recordName
        let alert: String
        if case .alerting(let name) = rule.kind { alert = name } else { alert = "" }
        if !record.isEmpty && !alert.isEmpty {
            errors.append(
                RuleError(
                    message: "only one of 'record' and 'alert' must be set",
                    node: rule.recordPosition,
                    alternate: rule.alertPosition
                )
            )
        }
        if record.isEmpty && alert.isEmpty {
            errors.append(RuleError(message: "one of 'record' or 'alert' must be set", node: rule.recordPosition))
        }
        if rule.expr.isEmpty {
            errors.append(RuleError(message: "field 'expr' must be set in rule", node: rule.exprPosition))
        } else {
            do {
                rule.parsedExpr = try parseExpr(rule.expr, options: options.parser)
            } catch {
                errors.append(RuleError(message: "could not parse expression: \(error)", node: rule.exprPosition))
            }
        }
        if !record.isEmpty {
            if !rule.annotations.isEmpty {
                errors.append(
                    RuleError(message: "invalid field 'annotations' in recording rule", node: rule.recordPosition)
                )
            }
            if rule.forDuration != .zero {
                errors.append(RuleError(message: "invalid field 'for' in recording rule", node: rule.recordPosition))
            }
            if rule.keepFiringFor != .zero {
                errors.append(
                    RuleError(message: "invalid field 'keep_firing_for' in recording rule", node: rule.recordPosition)
                )
            }
            if !isValidMetricName(record) {
                errors.append(RuleError(message: "invalid recording rule name: \(record)", node: rule.recordPosition))
            }
        }
        for label in rule.labels where !isValidLabelName(label.name) || label.name == "__name__" {
            errors.append(RuleError(message: "invalid label name: \(label.name)"))
        }
        for annotation in rule.annotations where !isValidLabelName(annotation.name) {
            errors.append(RuleError(message: "invalid annotation name: \(annotation.name)"))
        }
        if !alert.isEmpty {
            // testTemplateParsing: labels, then annotations, parsed as `__alert_<name>`.
            for label in rule.labels {
                do {
                    _ = try PrometheusTemplateExpander(alertName: alert, text: label.value)
                } catch {
                    errors.append(RuleError(message: "label \(goQuoted(label.name)): \(error.message)"))
                }
            }
            for annotation in rule.annotations {
                do {
                    _ = try PrometheusTemplateExpander(alertName: alert, text: annotation.value)
                } catch {
                    errors.append(RuleError(message: "annotation \(goQuoted(annotation.name)): \(error.message)"))
                }
            }
        }
        return errors
    }

    /// `^[a-zA-Z_:][a-zA-Z0-9_:]*$`
    public static func isValidMetricName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let ok =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ":") || (!first && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if !ok { return false }
            first = false
        }
        return !first
    }

    /// `^[a-zA-Z_][a-zA-Z0-9_]*$`
    public static func isValidLabelName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            let ok =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
                || (!first && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if !ok { return false }
            first = false
        }
        return !first
    }
}
