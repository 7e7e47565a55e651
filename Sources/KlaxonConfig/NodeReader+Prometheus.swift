package import KlaxonModel
package import KlaxonYAML

/// Scalar reads for `prometheus.yml` fields, with gopkg.in/yaml.v2's type-error wording.
extension NodeReader {
    /// Go `bool` (yaml.v2 also resolves `yes/no/on/off/y/n`); null is false.
    package mutating func bool(_ node: YAMLNode) -> Bool? {
        guard case .scalar(let text, let tag) = node.kind else {
            typeError(node, into: "bool")
            return nil
        }
        if tag == "!!null" { return false }
        // YAMLNode carries yaml.v3 tags: a `!!str` true/false was quoted (rejected by yaml.v2 too), while a plain
        // yes/no/on/off is a string to v3 but a bool to v2 (a quoted "yes" is accepted, which v2 would reject).
        if tag == "!!str" && ["true", "false"].contains(text.lowercased()) {
            typeError(node, into: "bool")
            return nil
        }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default:
            typeError(node, into: "bool")
            return nil
        }
    }

    /// Go `uint`/`uint64` (non-negative integer); null is 0.
    package mutating func unsigned(_ node: YAMLNode, goType: String = "uint") -> Int? {
        guard case .scalar(let text, let tag) = node.kind else {
            typeError(node, into: goType)
            return nil
        }
        if tag == "!!null" { return 0 }
        if tag == "!!int", let value = Int(text.filter { $0 != "_" }), value >= 0 { return value }
        typeError(node, into: goType)
        return nil
    }

    /// Go `[]string`; null is empty.
    package mutating func strings(_ node: YAMLNode) -> [String]? {
        switch node.kind {
        case .sequence(let items):
            var out: [String] = []
            for item in items {
                if let value = string(item) { out.append(value) }
            }
            return out
        case .scalar where node.isNull:
            return []
        default:
            typeError(node, into: "[]string")
            return nil
        }
    }

    /// Prometheus `model.Duration` in milliseconds.
    package mutating func milliseconds(_ node: YAMLNode) -> Int64? {
        duration(node)?.milliseconds
    }

    /// `model.LabelSet`: a map whose names must be valid label names (`"x" is not a valid label name` aborts).
    package mutating func labelSet(_ node: YAMLNode) -> Labels? {
        guard let pairs = stringMap(node) else { return nil }
        var labels: [Label] = []
        for (name, value) in pairs {
            guard isValidLabelName(name) else {
                fail("\(goQuote(name)) is not a valid label name")
                return nil
            }
            labels.append(Label(name, value))
        }
        return Labels(labels)
    }

    /// `model.LabelNames`: each must be a valid label name.
    package mutating func labelNames(_ node: YAMLNode) -> [String]? {
        guard let names = strings(node) else { return nil }
        for name in names where !isValidLabelName(name) {
            fail("\(goQuote(name)) is not a valid label name")
            return nil
        }
        return names
    }

    /// `units.Base2Bytes` (`10MB`, `512KiB`; 1024-based either way).
    package mutating func byteSize(_ node: YAMLNode) -> Int? {
        guard let text = string(node) else { return nil }
        switch parseBase2Bytes(text) {
        case .success(let value): return value
        case .failure(let error):
            fail(error.message)
            return nil
        }
    }
}

/// alecthomas/units `ParseBase2Bytes` with its error wording.
package func parseBase2Bytes(_ text: String) -> Result<Int, ConfigError> {
    let units: [String: Int] = [
        "B": 1, "KB": 1 << 10, "KiB": 1 << 10, "MB": 1 << 20, "MiB": 1 << 20, "GB": 1 << 30, "GiB": 1 << 30,
        "TB": 1 << 40, "TiB": 1 << 40, "PB": 1 << 50, "PiB": 1 << 50, "EB": 1 << 60, "EiB": 1 << 60,
    ]
    if text.isEmpty || text == "0" { return .success(0) }
    let bytes = Array(text.utf8)
    var index = 0
    var total = 0.0
    func isNumber(_ byte: UInt8) -> Bool { (byte >= 48 && byte <= 57) || byte == UInt8(ascii: ".") }
    while index < bytes.count {
        let start = index
        while index < bytes.count, isNumber(bytes[index]) { index += 1 }
        guard index > start, let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            return .failure(ConfigError("units: invalid " + text))
        }
        let unitStart = index
        while index < bytes.count, !isNumber(bytes[index]) { index += 1 }
        let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
        guard let scale = units[unit] else {
            return .failure(ConfigError("units: unknown unit " + unit + " in " + text))
        }
        total += number * Double(scale)
    }
    guard total < 9.2e18 else { return .failure(ConfigError("units: overflow in " + text)) }
    return .success(Int(total))
}
