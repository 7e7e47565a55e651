import KlaxonModel
import Testing

@testable import KlaxonPromQL

/// Runs the upstream PromQL conformance scripts from `../shared/conformance/promql/` (absent in a fresh clone):
/// the top-level (3.x) set in the default mode, `v2.42.0/` in 2.x mode. Cases listed in `conformance-skip.txt`
/// are skipped with their reason; every other case must pass.
struct UpstreamScriptTests {
    static let packageRoot: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/KlaxonPromQLTests/UpstreamScriptTests.swift
        return parts.joined(separator: "/")
    }()
    static let conformanceDir = packageRoot + "/../shared/conformance/promql"

    static let v3Files = [
        "aggregators", "at_modifier", "collision", "functions", "histograms", "literals", "operators",
        "range_queries", "selectors", "staleness", "subquery", "trig_functions",
    ]
    static let v2Files = [
        "aggregators", "at_modifier", "collision", "functions", "histograms", "literals", "operators",
        "selectors", "staleness", "subquery", "trig_functions",
    ]

    /// `set/file.test:line reason` → reason, keyed by "set/file.test" then line (`*` skips the whole file).
    static let skipList: [String: [Int: String]] = {
        guard let text = readFile(packageRoot + "/Tests/KlaxonPromQLTests/conformance-skip.txt") else { return [:] }
        var out: [String: [Int: String]] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.drop(while: { $0 == " " })
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let space = line.firstIndex(of: " ") else { continue }
            let location = line[..<space]
            let reason = String(line[space...].drop(while: { $0 == " " }))
            guard let colon = location.lastIndex(of: ":") else { continue }
            let file = String(location[..<colon])
            let lineText = location[location.index(after: colon)...]
            let number = lineText == "*" ? 0 : Int(lineText) ?? -1
            out[file, default: [:]][number] = reason
        }
        return out
    }()

    static func run(set: String, file: String, mode: EngineMode) throws {
        let path = conformanceDir + "/" + (set.isEmpty ? "" : set + "/") + file + ".test"
        let text = try #require(readFile(path), "\(path) is missing")
        let key = (set.isEmpty ? "" : set + "/") + file + ".test"
        let skips = skipList[key] ?? [:]
        let script = try PromQLTestScript(parsing: text)
        let engine = Engine(options: EngineOptions(mode: mode))
        var results = script.run(engine: engine, skip: skips) { text in try parseForScripts(text, mode: mode) }
        if let whole = skips[0] {
            results = results.map { r in
                var r = r
                r.outcome = .skip(whole)
                return r
            }
        }
        var pass = 0
        var skip = 0
        var fail = 0
        for r in results {
            switch r.outcome {
            case .pass: pass += 1
            case .skip:
                skip += 1
                if r.skippedButPasses {
                    Issue.record("\(key):\(r.line) is in conformance-skip.txt but passes now: remove the entry")
                }
            case .fail(let message):
                fail += 1
                let gap = r.knownGap.map { "\n  (known gap: \($0))" } ?? ""
                Issue.record("\(key):\(r.line): \(r.expr)\n  \(message)\(gap)")
            }
        }
        print("conformance \(key) pass \(pass) skip \(skip) fail \(fail)")
    }

    @Test(
        .enabled(
            if: ConformanceParseTests.sharedDirectory != nil,
            "../shared/conformance/promql not found beside the repository"
        ),
        arguments: v2Files
    )
    func prometheus242Script(_ file: String) throws {
        try Self.run(set: "v2.42.0", file: file, mode: .prometheus2)
    }

    @Test(
        .enabled(
            if: ConformanceParseTests.sharedDirectory != nil,
            "../shared/conformance/promql not found beside the repository"
        ),
        arguments: v3Files
    )
    func prometheus3Script(_ file: String) throws {
        try Self.run(set: "", file: file, mode: .prometheus3)
    }

    @Test(
        .enabled(
            if: ConformanceParseTests.sharedDirectory != nil,
            "../shared/conformance/promql not found beside the repository"
        )
    )
    func everyUpstreamScriptParses() throws {
        let all = Self.v2Files.map { "v2.42.0/" + $0 } + Self.v3Files
        var parsed = 0
        for name in all {
            let text = try #require(readFile(Self.conformanceDir + "/" + name + ".test"), "\(name).test is missing")
            let script = try PromQLTestScript(parsing: text)
            #expect(!script.commands.isEmpty, "\(name) has no commands")
            parsed += 1
        }
        #expect(parsed == all.count)
    }
}
