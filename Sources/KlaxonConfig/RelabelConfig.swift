public import KlaxonModel

/// One `relabel_configs` / `metric_relabel_configs` / `alert_relabel_configs` entry (Prometheus 2.42).
public struct RelabelConfig: Sendable {
    public enum Action: String, Sendable, CaseIterable {
        case replace, keep, drop, keepequal, dropequal, hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase
    }

    public var sourceLabels: [String]
    public var separator: String
    public var targetLabel: String
    public var regex: AnchoredRegex
    public var modulus: UInt64
    public var replacement: String
    public var action: Action

    /// Defaults as Prometheus's `DefaultRelabelConfig`: separator `;`, regex `(.*)`, replacement `$1`, `replace`.
    public init(
        sourceLabels: [String] = [],
        separator: String = ";",
        targetLabel: String = "",
        regex: String = "(.*)",
        modulus: UInt64 = 0,
        replacement: String = "$1",
        action: Action = .replace
    ) throws {
        self.sourceLabels = sourceLabels
        self.separator = separator
        self.targetLabel = targetLabel
        // Relabeling keeps Prometheus 2.42's regex semantics: `.` does not match a newline.
        self.regex = try AnchoredRegex(regex, dotMatchesNewline: false)
        self.modulus = modulus
        self.replacement = replacement
        self.action = action
    }

    /// The checks Prometheus's `RelabelConfig.UnmarshalYAML` makes, with its messages.
    public func validate() throws(RelabelError) {
        if action == .hashmod && modulus == 0 {
            throw RelabelError("relabel configuration for hashmod requires non-zero modulus")
        }
        let needsTarget: Set<Action> = [.replace, .hashmod, .lowercase, .uppercase, .keepequal, .dropequal]
        if needsTarget.contains(action) && targetLabel.isEmpty {
            throw RelabelError("relabel configuration for \(action.rawValue) action requires 'target_label' value")
        }
        let fixedTarget: Set<Action> = [.lowercase, .uppercase, .keepequal, .dropequal]
        if fixedTarget.contains(action) && !isValidLabelName(targetLabel) {
            throw RelabelError("\"\(targetLabel)\" is invalid 'target_label' for \(action.rawValue) action")
        }
        if action == .replace && !isValidTargetTemplate(targetLabel) {
            throw RelabelError("\"\(targetLabel)\" is invalid 'target_label' for \(action.rawValue) action")
        }
        if action == .labelmap && !isValidTargetTemplate(replacement) {
            throw RelabelError("\"\(replacement)\" is invalid 'replacement' for \(action.rawValue) action")
        }
        if action == .hashmod && !isValidLabelName(targetLabel) {
            throw RelabelError("\"\(targetLabel)\" is invalid 'target_label' for \(action.rawValue) action")
        }
        if action == .keepequal || action == .dropequal {
            if regex.pattern != "(.*)" || modulus != 0 || separator != ";" || replacement != "$1" {
                throw RelabelError(
                    "\(action.rawValue) action requires only 'source_labels' and `target_label`, and no other fields"
                )
            }
        }
        if action == .labeldrop || action == .labelkeep {
            if !sourceLabels.isEmpty || !targetLabel.isEmpty || modulus != 0 || separator != ";"
                || replacement != "$1"
            {
                throw RelabelError("\(action.rawValue) action requires only 'regex', and no other fields")
            }
        }
    }
}

public struct RelabelError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `[a-zA-Z_][a-zA-Z0-9_]*`
func isValidLabelName(_ name: String) -> Bool {
    guard let first = name.utf8.first else { return false }
    func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 || byte == 95 }
    return isLetter(first) && name.utf8.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
}

/// A target label that may contain `$1`/`${name}` references: `^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$`.
func isValidTargetTemplate(_ template: String) -> Bool {
    if template.isEmpty { return false }
    let bytes = Array(template.utf8)
    func isWord(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 97 && (byte | 0x20) <= 122 || byte == 95 || (byte >= 48 && byte <= 57)
    }
    var index = 0
    var sawStart = false
    while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "$") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                let start = index + 1
                index = start
                while index < bytes.count, isWord(bytes[index]) { index += 1 }
                guard index > start, index < bytes.count, bytes[index] == UInt8(ascii: "}") else { return false }
                index += 1
            } else {
                let start = index
                while index < bytes.count, isWord(bytes[index]) { index += 1 }
                guard index > start else { return false }
            }
            sawStart = true
        } else if isWord(byte) {
            // Digits may not start the template.
            if !sawStart && byte >= 48 && byte <= 57 { return false }
            sawStart = true
            index += 1
        } else {
            return false
        }
    }
    return true
}
