import KlaxonModel
import Yams

/// Parses YAML text into `YAMLNode`s.
public enum YAMLParser {
    /// Parses the first document of `text` (later documents are ignored, as by go-yaml's `Decode`). Returns nil
    /// for an empty document (go-yaml's `io.EOF`).
    ///
    /// A repeated mapping key is not a syntax error in go-yaml but a decode error of the mapping that holds it
    /// (`line 8: mapping key "a" already defined at line 7`, reported in decode order with the other errors).
    /// Yams rejects it while composing, so the repeated key is renamed in a copy of the text and the parse
    /// retried; the key node then carries `duplicateOf` and the decoder reports it where go-yaml would.
    /// `YAMLParseFailure.duplicateKey` remains for repeats that cannot be located (flow mappings).
    ///
    /// `goYAMLv2` words syntax-error line numbers as gopkg.in/yaml.v2 does (prometheus.yml is read with v2; it
    /// prefers the problem mark over the context mark).
    public static func parse(_ text: String, goYAMLv2: Bool = false) throws(YAMLParseFailure) -> YAMLNode? {
        var source = text
        var renamed: [String: (key: String, firstLine: Int)] = [:]
        while true {
            let root: Node?
            let parser: Yams.Parser
            do {
                // go-yaml decodes the first document only; later ones are not even parsed.
                parser = try Yams.Parser(yaml: source, resolver: .basic)
                root = try parser.nextRoot()
            } catch let error as YamlError {
                if case .duplicatedKeysInMapping(let duplicates, let context) = error, renamed.count < 1000,
                    let key = duplicates.first,
                    let next = rename(
                        key: key,
                        after: context.mark.line,
                        column: context.mark.column,
                        in: &source,
                        marker: "__klaxon_duplicate_key_\(renamed.count)__"
                    )
                {
                    renamed[next] = (key, context.mark.line)
                    continue
                }
                throw convert(error, text: source, goYAMLv2: goYAMLv2)
            } catch {
                throw .syntax(YAMLSyntaxError(message: "yaml: \(error)"))
            }
            guard let root else { return nil }
            // The parser holds the anchors the nodes refer to weakly; it must outlive the conversion.
            var node = withExtendedLifetime(parser) {
                var converter = Converter(source: source)
                return converter.convert(root)
            }
            if !renamed.isEmpty { restore(&node, renamed) }
            return node
        }
    }

    /// Replaces the next occurrence of `key` as a block-mapping key at `column` after line `after` with
    /// `marker`; returns the marker, nil if not found.
    private static func rename(key: String, after: Int, column: Int, in text: inout String, marker: String) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where index + 1 > after {
            let scalars = Array(lines[index].unicodeScalars)
            guard column >= 1, scalars.count >= column else { continue }
            let rest = String(String.UnicodeScalarView(scalars[(column - 1)...]))
            for candidate in [key, "\"" + key + "\"", "'" + key + "'"] where rest.hasPrefix(candidate + ":") {
                let head = String(String.UnicodeScalarView(scalars[..<(column - 1)]))
                lines[index] = head + marker + rest.dropFirst(candidate.count)
                text = lines.joined(separator: "\n")
                return marker
            }
        }
        return nil
    }

    private static func restore(_ node: inout YAMLNode, _ renamed: [String: (key: String, firstLine: Int)]) {
        switch node.kind {
        case .scalar: return
        case .sequence(var items):
            for index in items.indices { restore(&items[index], renamed) }
            node.kind = .sequence(items)
        case .mapping(var pairs):
            for index in pairs.indices {
                if let value = pairs[index].key.scalarValue, let original = renamed[value] {
                    pairs[index].key.kind = .scalar(original.key, tag: "!!str")
                    pairs[index].key.duplicateOf = original.firstLine
                }
                restore(&pairs[index].value, renamed)
            }
            node.kind = .mapping(pairs)
        }
    }

    /// Turns Yams nodes into `YAMLNode`s. Yams resolves an alias (`*g`) to the anchored node itself, with the
    /// anchor's position; go-yaml places an alias node where the alias is written. So the second and later uses of
    /// an anchored node take the positions of that anchor's alias tokens, in document order.
    struct Converter {
        let source: String
        /// Alias tokens per anchor name, in document order, not yet given to a node; scanned for only when an
        /// anchored node comes back (most files have no alias).
        var aliases: [String: [(line: Int, column: Int)]]?
        var seenAnchors: Set<ObjectIdentifier> = []

        mutating func convert(_ node: Node) -> YAMLNode {
            let mark = node.mark
            var line = mark?.line ?? 0
            var column = mark?.column ?? 0
            if let anchor = node.anchor, !seenAnchors.insert(ObjectIdentifier(anchor)).inserted {
                if aliases == nil { aliases = AliasScan.positions(in: source) }
                if let position = aliases?[anchor.rawValue]?.first {
                    aliases?[anchor.rawValue]?.removeFirst()
                    (line, column) = position
                }
            }
            switch node {
            case .scalar(let scalar):
                let tag: String
                if scalar.style == .plain || scalar.style == .any {
                    let explicit = scalar.tag.description
                    tag =
                        explicit.hasPrefix("tag:yaml.org,2002:") && explicit != "tag:yaml.org,2002:str"
                        ? "!!" + explicit.dropFirst("tag:yaml.org,2002:".count)
                        : GoYAMLResolve.tag(ofPlain: scalar.string)
                } else {
                    tag = "!!str"
                }
                return YAMLNode(kind: .scalar(scalar.string, tag: tag), line: line, column: column)
            case .sequence(let sequence):
                var items: [YAMLNode] = []
                items.reserveCapacity(sequence.count)
                for item in sequence { items.append(convert(item)) }
                return YAMLNode(kind: .sequence(items), line: line, column: column)
            case .mapping(let mapping):
                var pairs: [YAMLPair] = []
                pairs.reserveCapacity(mapping.count)
                for (key, value) in mapping {
                    let key = convert(key)
                    pairs.append(YAMLPair(key: key, value: convert(value)))
                }
                return YAMLNode(kind: .mapping(pairs), line: line, column: column)
            case .alias:
                return YAMLNode(kind: .scalar("", tag: "!!null"), line: line, column: column)
            }
        }
    }

    /// The alias tokens (`*name`) of a YAML text, by anchor name, with their 1-based line and column, in order.
    /// A lexical scan: quoted text and comments are skipped line by line.
    enum AliasScan {
        static func positions(in text: String) -> [String: [(line: Int, column: Int)]] {
            var found: [String: [(line: Int, column: Int)]] = [:]
            let breaks: Set<Unicode.Scalar> = [" ", "\t", ",", "[", "]", "{", "}"]
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let scalars = Array(line.unicodeScalars)
                var quote: Unicode.Scalar?
                var i = 0
                while i < scalars.count {
                    let c = scalars[i]
                    let previous: Unicode.Scalar = i > 0 ? scalars[i - 1] : " "
                    if let open = quote {
                        if c == open { quote = nil }
                    } else if c == "\"" || c == "'" {
                        quote = c
                    } else if c == "#" && (previous == " " || previous == "\t") {
                        break
                    } else if c == "*" && (breaks.contains(previous) || i == 0) {
                        var end = i + 1
                        while end < scalars.count && !breaks.contains(scalars[end]) { end += 1 }
                        if end > i + 1 {
                            let name = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
                            found[name, default: []].append((index + 1, i + 1))
                        }
                        i = end
                        continue
                    }
                    i += 1
                }
            }
            return found
        }
    }

    static func convert(_ error: YamlError, text: String, goYAMLv2: Bool = false) -> YAMLParseFailure {
        switch error {
        case .scanner(let context, let problem, let mark, _):
            // go-yaml: context mark line (0-based) if non-zero, else problem mark; +1 for scanner errors.
            return .syntax(syntaxError(context: context, problem: problem, mark: mark, scanner: true, v2: goYAMLv2))
        case .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            return .syntax(syntaxError(context: context, problem: problem, mark: mark, scanner: false, v2: goYAMLv2))
        case .reader(let problem, _, _, _):
            return .syntax(YAMLSyntaxError(message: "yaml: \(problem)"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = context.mark.line
            let second = nextKeyLine(in: text, key: key, after: first, column: context.mark.column) ?? first
            return .duplicateKey(
                YAMLSyntaxError(
                    message:
                        "yaml: unmarshal errors:\n  line \(second): mapping key \(goQuoted(key)) already defined at line \(first)"
                )
            )
        default:
            return .syntax(YAMLSyntaxError(message: "yaml: \(error)"))
        }
    }

    private static func syntaxError(
        context: YamlError.Context?,
        problem: String,
        mark: Mark,
        scanner: Bool,
        v2: Bool = false
    )
        -> YAMLSyntaxError
    {
        var line = 0
        if v2 {
            // yaml.v2: problem mark (0-based) if non-zero, +1 for scanner errors; else the context mark.
            if mark.line - 1 != 0 {
                line = mark.line - 1 + (scanner ? 1 : 0)
            } else if let context, context.mark.line - 1 != 0 {
                line = context.mark.line - 1
            }
            let whereText = line != 0 ? "line \(line): " : ""
            return YAMLSyntaxError(message: "yaml: " + whereText + problem)
        }
        if let context, context.mark.line - 1 != 0 {
            line = context.mark.line - 1
        } else if mark.line - 1 != 0 {
            line = mark.line - 1
        }
        if line != 0 && scanner { line += 1 }
        let whereText = line != 0 ? "line \(line): " : ""
        return YAMLSyntaxError(message: "yaml: " + whereText + problem)
    }

    /// The line of the next `key:` at `column` after line `after` (Yams reports only the first occurrence).
    private static func nextKeyLine(in text: String, key: String, after: Int, column: Int) -> Int? {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard lineNumber > after else { continue }
            let scalars = Array(line.unicodeScalars)
            guard scalars.count >= column, column >= 1 else { continue }
            let rest = String(String.UnicodeScalarView(scalars[(column - 1)...]))
            for candidate in [key, "\"" + key + "\"", "'" + key + "'"] where rest.hasPrefix(candidate + ":") {
                return lineNumber
            }
        }
        return nil
    }
}

/// Why `YAMLParser.parse` failed.
public enum YAMLParseFailure: Error, Sendable, Equatable {
    /// Not well-formed YAML; go-yaml reports these from every decode of the same text.
    case syntax(YAMLSyntaxError)
    /// A mapping repeats a key; go-yaml reports this as an unmarshal error of a strict decode.
    case duplicateKey(YAMLSyntaxError)

    public var message: String {
        switch self {
        case .syntax(let error), .duplicateKey(let error): error.message
        }
    }
}

/// Go's `%q` for a string, as the YAML and rule-file messages print names (KlaxonModel's `goQuote`).
public func goQuoted(_ text: String) -> String { goQuote(text) }
