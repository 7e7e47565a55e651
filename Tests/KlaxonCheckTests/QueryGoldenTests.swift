import Foundation
import KlaxonTestSupport
import Testing

@testable import KlaxonCheck

/// `klaxon query --prometheus2 --data data.txt --time T EXPR` (`InstantQuery`, in process; the binary for what only the
/// command does) against what `promtool query instant` printed for the same series loaded into a real Prometheus
/// 2.42 (recorded by scripts/record/promtool-query.py into Fixtures/query/).
@Suite struct QueryGoldenTests {
    static let directory: String = {
        let folder = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).dropLast()
        return folder.joined(separator: "/") + "/Fixtures/query"
    }()

    struct Recorded: Sendable, CustomTestStringConvertible {
        var time: String
        var expr: String
        var exit: Int32
        var stdout: [String]
        var stderr: [String]
        var testDescription: String { "--time \(time) \(expr)" }
    }

    /// Cases where Klaxon prints something else on purpose, with the reason.
    static let intentionalDifferences: [String: (reason: String, stdout: [String])] = [
        "1800 \"a string\"": ("promtool 2.42's client cannot decode a string result", ["a string @[1800]"]),
        "1800 'single \\' quoted'": (
            "promtool 2.42's client cannot decode a string result", ["single ' quoted @[1800]"]
        ),
        "1800 `raw\\string`": ("promtool 2.42's client cannot decode a string result", ["raw\\string @[1800]"]),
        "10m time()": ("Klaxon also takes a duration from the epoch for --time", ["scalar: 600 @[600]"]),
    ]

    static let recorded = load("recorded.txt")
    static let recordedJSON = load("recorded-json.txt")

    /// The same cases with `-o json`, where Klaxon prints something else on purpose.
    static let intentionalJSONDifferences: [String: [String]] = [
        "1800 \"a string\"": [#"[1800,"a string"]"#],
        "1800 'single \\' quoted'": [#"[1800,"single ' quoted"]"#],
        "1800 `raw\\string`": [#"[1800,"raw\\string"]"#],
        "10m time()": [#"[600,"600"]"#],
    ]

    static func load(_ name: String) -> [Recorded] {
        guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { return [] }
        var out: [Recorded] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                let body = line.dropFirst(4)
                let space = body.firstIndex(of: " ") ?? body.endIndex
                out.append(
                    Recorded(
                        time: String(body[..<space]),
                        expr: String(body[space...].dropFirst()),
                        exit: -1,
                        stdout: [],
                        stderr: []
                    )
                )
            } else if line.hasPrefix("exit "), !out.isEmpty {
                out[out.count - 1].exit = Int32(line.dropFirst(5)) ?? -1
            } else if line.hasPrefix("> "), !out.isEmpty {
                out[out.count - 1].stdout.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("! "), !out.isEmpty {
                out[out.count - 1].stderr.append(String(line.dropFirst(2)))
            }
        }
        return out
    }

    @Test func fixtureIsComplete() throws {
        let cases = try String(contentsOfFile: Self.directory + "/cases.txt", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(Self.recorded.count == cases.count, "recorded.txt is stale: run scripts/record/promtool-query.py")
        #expect(Self.recorded.count >= 100)
        #expect(Self.recorded.allSatisfy { $0.exit >= 0 })
        #expect(Self.recordedJSON.map(\.testDescription) == Self.recorded.map(\.testDescription))
    }

    @Test(arguments: recordedJSON)
    func matchesPromtoolJSON(_ golden: Recorded) throws {
        let output = InstantQuery.run(
            data: Self.data,
            path: "data.txt",
            expr: golden.expr,
            time: golden.time,
            prometheus2: true,
            format: .json
        )
        var (stdout, exit, stderr) = (golden.stdout, golden.exit, golden.stderr)
        if let difference = Self.intentionalJSONDifferences["\(golden.time) \(golden.expr)"] {
            #expect(golden.exit != 0 || golden.stdout != difference, "no longer a difference")
            (stdout, exit, stderr) = (difference, 0, [])
        }
        #expect(output.exitCode == exit)
        #expect(Klaxon.lines(Data(output.stderr.utf8)) == stderr)
        let lines = Klaxon.lines(Data(output.stdout.utf8))
        if golden.expr.hasPrefix("sort") || stdout.first?.contains("\"values\":") == true {
            #expect(lines == stdout)
        } else {
            // One JSON array per line; vector elements in any order (see matchesPromtool).
            #expect(lines.count == stdout.count)
            #expect(lines.map { Self.arrayElements($0).sorted() } == stdout.map { Self.arrayElements($0).sorted() })
        }
    }

    /// The top-level elements of a JSON array, as text.
    static func arrayElements(_ json: String) -> [String] {
        let bytes = Array(json.utf8)
        guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return [json] }
        var elements: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start = 1
        for i in 1..<(bytes.count - 1) {
            let b = bytes[i]
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                }
                continue
            }
            switch b {
            case 0x22: inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ",") where depth == 0:
                elements.append(String(decoding: bytes[start..<i], as: UTF8.self))
                start = i + 1
            default: break
            }
        }
        if bytes.count > 2 { elements.append(String(decoding: bytes[start..<(bytes.count - 1)], as: UTF8.self)) }
        return elements
    }

    @Test func jsonArraySplitting() {
        #expect(Self.arrayElements(#"[{"a":"x,]"},{"b":[1,"2"]}]"#) == [#"{"a":"x,]"}"#, #"{"b":[1,"2"]}"#])
        #expect(Self.arrayElements("[]") == [])
        #expect(Self.arrayElements(#"[1800,"3"]"#) == ["1800", #""3""#])
    }

    static let data = (try? String(contentsOfFile: directory + "/data.txt", encoding: .utf8)) ?? ""

    @Test(arguments: recorded)
    func matchesPromtool(_ golden: Recorded) throws {
        let output = InstantQuery.run(
            data: Self.data,
            path: "data.txt",
            expr: golden.expr,
            time: golden.time,
            prometheus2: true
        )
        let result = Klaxon.Result(
            exit: output.exitCode,
            stdout: Klaxon.lines(Data(output.stdout.utf8)),
            stderr: Klaxon.lines(Data(output.stderr.utf8))
        )
        var stdout = golden.stdout
        var exit = golden.exit
        var stderr = golden.stderr
        if let difference = Self.intentionalDifferences["\(golden.time) \(golden.expr)"] {
            #expect(
                golden.exit != 0 || golden.stdout != difference.stdout,
                "no longer a difference: \(difference.reason)"
            )
            (stdout, exit, stderr) = (difference.stdout, 0, [])
        }
        #expect(result.exit == exit)
        #expect(result.stderr == stderr)
        // Prometheus 2.42 does not order instant-query vectors (map iteration) unless the query sorts; matrices
        // come out in series order.
        let ordered = golden.expr.hasPrefix("sort") || stdout.contains { $0.hasSuffix(" =>") }
        if ordered {
            #expect(result.stdout == stdout)
        } else {
            #expect(result.stdout.sorted() == stdout.sorted())
        }
    }

    /// The binary prints what the library returns, exit code included (a vector, a scalar, an error, a time error).
    @Test(arguments: ["1800 http_requests_total", "1800 1 + 2", "1800 sum(", "bogus time()", "-60 vector(time())"])
    func binaryPrintsTheSame(_ key: String) async throws {
        let golden = try #require(Self.recorded.first { "\($0.time) \($0.expr)" == key })
        let result = try await Klaxon.run([
            "query", "--prometheus2", "--data", Self.directory + "/data.txt", "--time", golden.time, golden.expr,
        ])
        #expect(result.exit == golden.exit)
        #expect(result.stderr == golden.stderr)
        #expect(result.stdout.sorted() == golden.stdout.sorted())
    }

    @Test func binaryPrintsJSONWithDashO() async throws {
        let result = try await Klaxon.run([
            "query", "--prometheus2", "--data", Self.directory + "/data.txt", "--time", "1800", "-o", "json", "1 + 2",
        ])
        #expect(result.stdout == [#"[1800,"3"]"#])
        let bad = try await Klaxon.run(["query", "--data", Self.directory + "/data.txt", "-o", "yaml", "1"])
        #expect(bad.exit != 0)
        #expect(bad.stderr.first?.contains("--format must be promql or json") == true)
    }

    @Test func defaultTimeIsTheNewestLoadedSample() async throws {
        let result = try await Klaxon.run(["query", "--data", Self.directory + "/data.txt", "time()"])
        #expect(result.stdout == ["scalar: 1800 @[1800]"])
        #expect(result.exit == 0)
    }

    @Test func prometheus3WindowsAreLeftOpen() async throws {
        let expr = "count_over_time(http_requests_total{job=\"web\"}[5m])"
        let data = Self.directory + "/data.txt"
        let v3 = try await Klaxon.run(["query", "--data", data, "--time", "1800", expr])
        let v2 = try await Klaxon.run(["query", "--prometheus2", "--data", data, "--time", "1800", expr])
        #expect(v3.stdout == ["{code=\"200\", instance=\"c:1\", job=\"web\"} => 5 @[1800]"])
        #expect(v2.stdout == ["{code=\"200\", instance=\"c:1\", job=\"web\"} => 6 @[1800]"])
    }

    @Test func missingDataFileIsAnError() async throws {
        let result = try await Klaxon.run(["query", "--data", Self.directory + "/no-such-file.txt", "1"])
        #expect(result.exit == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == ["error: cannot read \(Self.directory)/no-such-file.txt"])
    }

    @Test func malformedDataFileIsAnError() async throws {
        let path = NSTemporaryDirectory() + "klaxon-query-bad-\(getpid()).txt"
        try "load 1m\n  metric{a=\"b\"} 1 2 zz\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await Klaxon.run(["query", "--data", path, "metric"])
        #expect(result.exit == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.count == 1 && result.stderr[0].hasPrefix("error: \(path): line 2"))
    }
}

/// Runs the built `klaxon` binary.
enum Klaxon {
    struct Result {
        var exit: Int32
        var stdout: [String]
        var stderr: [String]
    }

    /// Runs the binary with stdout and stderr in temporary files and awaits its exit, so that no thread of the
    /// shared cooperative pool blocks while it runs (other suites' async tests run beside these).
    static func run(_ arguments: [String]) async throws -> Result {
        let base = NSTemporaryDirectory() + "klaxon-query-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let paths = (out: base + ".out", err: base + ".err")
        defer {
            try? FileManager.default.removeItem(atPath: paths.out)
            try? FileManager.default.removeItem(atPath: paths.err)
        }
        guard FileManager.default.createFile(atPath: paths.out, contents: nil),
            FileManager.default.createFile(atPath: paths.err, contents: nil),
            let out = FileHandle(forWritingAtPath: paths.out), let err = FileHandle(forWritingAtPath: paths.err)
        else { throw BinaryMissing() }
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        let status = try await TestSupport.runToExit(process)
        return Result(
            exit: status,
            stdout: lines(FileManager.default.contents(atPath: paths.out) ?? Data()),
            stderr: lines(FileManager.default.contents(atPath: paths.err) ?? Data())
        )
    }

    /// Lines as scripts/record/promtool-query.py stores them: split on newlines, a trailing newline ends the last line.
    static func lines(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        if text.isEmpty { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { parts.removeLast() }
        return parts.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    static func binary() throws -> String { try TestSupport.klaxonBinary() }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String {
            "the klaxon binary was not built (run `swift build --build-tests` first), or no temp file"
        }
    }
}
