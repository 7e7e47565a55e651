import Testing

@testable import KlaxonPromQL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every query of the upstream conformance scripts parses (or fails, where the script expects a failure that
/// is a parse error). Reads `../shared/conformance/promql`; reported as skipped when it is absent.
struct ConformanceParseTests {
    static let sharedDirectory: String? = {
        var path = #filePath
        for _ in 0..<3 {
            guard let slash = path.lastIndex(of: "/") else { return nil }
            path = String(path[..<slash])
        }
        let candidate = path + "/../shared/conformance/promql"
        return readFile(candidate + "/README.md") == nil ? nil : candidate
    }()

    /// The queries of `eval` commands: (file:line, query, expects failure).
    static func queries(in file: String) -> [(String, String, Bool)] {
        guard let text = readFile(file) else { return [] }
        var result: [(String, String, Bool)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            guard line.hasPrefix("eval") else { continue }
            var words = line.split(separator: " ", omittingEmptySubsequences: true)[...]
            let command = words.popFirst() ?? ""
            var failing = command == "eval_fail"
            let mode = words.popFirst() ?? ""
            if mode == "instant" {
                words = words.dropFirst(2)  // at <time>
            } else if mode == "range" {
                words = words.dropFirst(6)  // from <a> to <b> step <s>
            }
            var index = number + 1
            while index < lines.count, lines[index].first == " " || lines[index].first == "\t" {
                if lines[index].contains("expect fail") { failing = true }
                index += 1
            }
            let query = words.joined(separator: " ")
            result.append(("\(file.split(separator: "/").last ?? ""):\(number + 1)", query, failing))
        }
        return result
    }

    @Test(
        .enabled(
            if: ConformanceParseTests.sharedDirectory != nil,
            "../shared/conformance/promql not found beside the repository"
        )
    )
    func v242ScriptsParse() throws {
        let directory = try #require(Self.sharedDirectory)
        var failures: [String] = []
        var count = 0
        for name in [
            "aggregators", "at_modifier", "collision", "functions", "histograms", "literals", "operators",
            "selectors", "staleness", "subquery", "trig_functions",
        ] {
            for (location, query, failing) in Self.queries(in: "\(directory)/v2.42.0/\(name).test") where !failing {
                count += 1
                do {
                    _ = try parseExpr(query, options: .prometheus2)
                } catch {
                    failures.append("\(location): \(query): \(error)")
                }
            }
        }
        #expect(count > 500)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test(
        .enabled(
            if: ConformanceParseTests.sharedDirectory != nil,
            "../shared/conformance/promql not found beside the repository"
        )
    )
    func v3ScriptsParse() throws {
        let directory = try #require(Self.sharedDirectory)
        var failures: [String] = []
        var count = 0
        let options = ParserOptions(enableExperimentalFunctions: true)
        for name in [
            "aggregators", "at_modifier", "collision", "functions", "histograms", "literals", "operators",
            "selectors", "staleness", "subquery", "trig_functions", "limit", "info", "name_label_dropping",
            "range_queries",
        ] {
            for (location, query, failing) in Self.queries(in: "\(directory)/\(name).test") where !failing {
                count += 1
                do {
                    _ = try parseExpr(query, options: options)
                } catch {
                    failures.append("\(location): \(query): \(error)")
                }
            }
        }
        #expect(count > 1000)
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
    }
}

extension ConformanceParseTests {
    /// The series part of every `load` line parses into labels.
    @Test(
        .enabled(
            if: ConformanceParseTests.sharedDirectory != nil,
            "../shared/conformance/promql not found beside the repository"
        )
    )
    func loadLineSeriesParse() throws {
        let directory = try #require(Self.sharedDirectory)
        var failures: [String] = []
        var count = 0
        for name in ["aggregators", "functions", "histograms", "operators", "selectors", "staleness", "subquery"] {
            for path in ["\(directory)/\(name).test", "\(directory)/v2.42.0/\(name).test"] {
                guard let text = readFile(path) else { continue }
                var inLoad = false
                for line in text.split(separator: "\n") {
                    if line.hasPrefix("load") {
                        inLoad = true
                        continue
                    }
                    guard inLoad, line.first == " " || line.first == "\t" else {
                        inLoad = false
                        continue
                    }
                    let trimmed = line.drop { $0 == " " || $0 == "\t" }
                    // The series ends at the closing brace, or at the first space when there are no braces.
                    let series: Substring
                    if let brace = trimmed.firstIndex(of: "}"),
                        trimmed.firstIndex(of: "{").map({ $0 < (trimmed.firstIndex(of: " ") ?? trimmed.endIndex) })
                            ?? false
                    {
                        series = trimmed[...brace]
                    } else {
                        series = trimmed.prefix { $0 != " " && $0 != "\t" }
                    }
                    count += 1
                    do {
                        let labels = try parseSeriesDescription(String(series))
                        if labels.isEmpty { failures.append("\(path): \(series): no labels") }
                    } catch {
                        failures.append("\(path): \(series): \(error)")
                    }
                }
            }
        }
        #expect(count > 500)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

/// Reads a whole file with the C library (no Foundation in this target's tests either).
func readFile(_ path: String) -> String? {
    guard let handle = fopen(path, "rb") else { return nil }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, handle)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}
