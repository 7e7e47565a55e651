public import KlaxonModel

/// A parsed upstream PromQL test script (`load`, `clear`, `eval …`, `expect …`).
public struct PromQLTestScript: Sendable {
    public struct LoadedSeries: Sendable {
        public var labels: Labels
        public var steps: [SeriesNotation.Step]
    }

    public struct Expected: Sendable {
        public var labels: Labels?  // nil for a scalar line
        public var steps: [SeriesNotation.Step]
    }

    public struct Eval: Sendable {
        public var line: Int
        public var expr: String
        public var start: Timestamp
        public var end: Timestamp
        public var step: Int64
        public var isRange: Bool
        public var expectFail = false
        public var failMessage: String?
        public var failRegex: String?
        public var ordered = false
        public var expectWarnOrInfo = false
        public var expectedString: String?
        public var rangeVector: (from: Timestamp, to: Timestamp, step: Int64)?
        public var expected: [Expected] = []
        /// Why this case cannot run at all (native-histogram values in its expectations, unparsable lines).
        public var unsupported: String?
    }

    public enum Command: Sendable {
        case load(interval: Int64, series: [LoadedSeries], line: Int, unsupported: String?)
        case clear
        case eval(Eval)
    }

    public var commands: [Command] = []

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(parsing text: String) throws(ParseError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var i = 0
        func isIndented(_ l: Substring) -> Bool { l.first == " " || l.first == "\t" }
        func trimmed(_ l: Substring) -> Substring {
            var s = l
            while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
            while let f = s.last, f == " " || f == "\t" || f == "\r" { s = s.dropLast() }
            return s
        }
        while i < lines.count {
            let raw = lines[i]
            let line = trimmed(raw)
            let lineNumber = i + 1
            i += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            // Gather the indented body.
            var body: [(Int, Substring)] = []
            while i < lines.count, isIndented(lines[i]) || trimmed(lines[i]).hasPrefix("#") {
                let t = trimmed(lines[i])
                if !t.isEmpty && !t.hasPrefix("#") { body.append((i + 1, t)) }
                if t.isEmpty { break }
                i += 1
            }
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let keyword = words.first else { continue }
            switch keyword {
            case "clear":
                commands.append(.clear)
            case "load", "load_with_nhcb":
                guard words.count >= 2, let interval = Self.parseDuration(words[1]) else {
                    throw ParseError(line: lineNumber, message: "invalid load command")
                }
                var unsupported: String? = keyword == "load_with_nhcb" ? "load_with_nhcb (native histograms)" : nil
                var series: [LoadedSeries] = []
                for (n, l) in body {
                    do {
                        let (labels, rest) = try SeriesNotation.parseSeries(l)
                        if rest.contains("{{") {
                            unsupported = "native histogram samples in load"
                            continue
                        }
                        series.append(LoadedSeries(labels: labels, steps: try SeriesNotation.expand(rest)))
                    } catch {
                        if l.contains("@") || l.contains("{{") {
                            unsupported = "unsupported load syntax: \(error)"
                            continue
                        }
                        throw ParseError(line: n, message: error.description)
                    }
                }
                commands.append(.load(interval: interval, series: series, line: lineNumber, unsupported: unsupported))
            case "eval", "eval_fail", "eval_ordered", "eval_warn", "eval_info":
                commands.append(.eval(try Self.parseEval(line, keyword: keyword, body: body, lineNumber: lineNumber)))
            default:
                throw ParseError(line: lineNumber, message: "unknown command \(keyword)")
            }
        }
    }

    static func parseDuration(_ text: Substring) -> Int64? {
        var s = text
        var sign: Int64 = 1
        if s.hasPrefix("-") {
            sign = -1
            s = s.dropFirst()
        }
        if let d = PromDuration(parsing: String(s)) { return sign * d.milliseconds }
        if let v = Double(s) { return sign * Time.milliseconds(fromSeconds: v) }
        return nil
    }

    static func parseEval(
        _ line: Substring,
        keyword: Substring,
        body: [(Int, Substring)],
        lineNumber: Int
    )
        throws(ParseError) -> Eval
    {
        var rest = line.dropFirst(keyword.count).drop(while: { $0 == " " })
        func word() -> Substring {
            let w = rest.prefix(while: { $0 != " " })
            rest = rest.dropFirst(w.count).drop(while: { $0 == " " })
            return w
        }
        var eval = Eval(line: lineNumber, expr: "", start: 0, end: 0, step: 0, isRange: false)
        let kind = word()
        if kind == "instant" {
            guard word() == "at", let t = parseDuration(word()) else {
                throw ParseError(line: lineNumber, message: "invalid instant eval")
            }
            eval.start = t
            eval.end = t
        } else if kind == "range" {
            guard word() == "from", let s = parseDuration(word()), word() == "to", let e = parseDuration(word()),
                word() == "step", let st = parseDuration(word())
            else { throw ParseError(line: lineNumber, message: "invalid range eval") }
            eval.start = s
            eval.end = e
            eval.step = st
            eval.isRange = true
        } else {
            throw ParseError(line: lineNumber, message: "invalid eval kind \(kind)")
        }
        eval.expr = String(rest)
        eval.expectFail = keyword == "eval_fail"
        eval.ordered = keyword == "eval_ordered"
        eval.expectWarnOrInfo = keyword == "eval_warn" || keyword == "eval_info"
        for (n, l) in body {
            if l.hasPrefix("expect ") {
                let directive = l.dropFirst(7)
                if directive.hasPrefix("fail") {
                    eval.expectFail = true
                    let tail = directive.dropFirst(4).drop(while: { $0 == " " })
                    if tail.hasPrefix("msg:") {
                        eval.failMessage = String(tail.dropFirst(4).drop(while: { $0 == " " }))
                    } else if tail.hasPrefix("regex:") {
                        eval.failRegex = String(tail.dropFirst(6).drop(while: { $0 == " " }))
                    }
                } else if directive.hasPrefix("ordered") {
                    eval.ordered = true
                } else if directive.hasPrefix("warn") || directive.hasPrefix("info") {
                    eval.expectWarnOrInfo = true
                } else if directive.hasPrefix("no_warn") || directive.hasPrefix("no_info") {
                    // We emit no annotations, so these always hold.
                } else if directive.hasPrefix("string") {
                    let s = directive.dropFirst(6).drop(while: { $0 == " " })
                    if s.count >= 2 {
                        eval.expectedString = unquote(s)
                    } else {
                        eval.expectedString = ""
                    }
                } else if directive.hasPrefix("range vector") {
                    let parts = directive.split(separator: " ")
                    guard parts.count >= 8, let f = parseDuration(parts[3]), let t = parseDuration(parts[5]),
                        let s = parseDuration(parts[7])
                    else { throw ParseError(line: n, message: "invalid expect range vector") }
                    eval.rangeVector = (f, t, s)
                } else {
                    throw ParseError(line: n, message: "unknown expect directive \(directive)")
                }
                continue
            }
            if l.contains("{{") {
                eval.unsupported = "native histogram values expected"
                continue
            }
            if let v = SeriesNotation.parseNumber(l) {
                eval.expected.append(Expected(labels: nil, steps: [.value(v)]))
                continue
            }
            do {
                let (labels, values) = try SeriesNotation.parseSeries(l)
                eval.expected.append(Expected(labels: labels, steps: try SeriesNotation.expand(values)))
            } catch {
                eval.unsupported = "unparsable expectation: \(error)"
            }
        }
        return eval
    }

    static func unquote(_ s: Substring) -> String {
        guard let q = s.first, q == "\"" || q == "`" || q == "'" else { return String(s) }
        let bytes = Array(s.utf8)
        var i = 0
        if q == "`" { return String(s.dropFirst().dropLast()) }
        return (try? SeriesNotation.parseQuoted(bytes, &i)) ?? String(s)
    }
}

extension PromQLTestScript {
    /// The data of every `load` command (honouring `clear`), and the newest sample timestamp loaded.
    public func loadedData() -> (store: MemoryQueryable, newest: Timestamp?) {
        var store = MemoryQueryable()
        var newest: Timestamp?
        for command in commands {
            switch command {
            case .clear:
                store.removeAll()
                newest = nil
            case .load(let interval, let series, _, _):
                for s in series {
                    for (i, step) in s.steps.enumerated() {
                        let t = Int64(i) * interval
                        switch step {
                        case .value(let v): store.append(s.labels, t: t, v: v)
                        case .stale: store.append(s.labels, t: t, v: StaleNaN.value)
                        case .missing: continue
                        }
                        newest = max(newest ?? t, t)
                    }
                }
            case .eval: continue
            }
        }
        return (store, newest)
    }
}
