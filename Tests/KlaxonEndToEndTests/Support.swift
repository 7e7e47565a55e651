import Foundation
import KlaxonCurl
import KlaxonTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What every end-to-end test needs: the built binary, a scratch directory, a free loopback port, the Python
/// fixtures of `Fixtures/`, and small readers of HTTP answers.
enum E2E {
    /// How long a daemon may take to answer `/-/ready`: about a second on an idle machine; CI runs the suite in
    /// parallel on 2 cores, sometimes beside other builds, where a start has taken over 20 s.
    static let startupSeconds: Double = 60

    /// One request with a generous timeout (the suite shares 2 cores on CI); a failure names the URL.
    static func fetch(
        _ client: HTTPClient,
        _ url: String,
        method: HTTPRequest.Method = .get
    ) async throws -> HTTPResponse {
        do {
            return try await client.execute(HTTPRequest(url: url, method: method, timeoutMilliseconds: 30_000))
        } catch {
            throw E2EError("\(method) \(url): \(error)")
        }
    }

    /// Starts the built `klaxon` with `arguments`, its stdout and stderr going to `<dir>/klaxon.log`; returns the
    /// running process and the log's handle (close it once the process has exited).
    static func startKlaxon(_ binary: String, _ arguments: [String], logIn dir: String) throws -> (Process, FileHandle)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let logFile = dir + "/klaxon.log"
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        process.standardError = log
        process.standardOutput = log
        try process.run()
        return (process, log)
    }

    /// The body of a GET, as text.
    static func get(_ client: HTTPClient, _ url: String) async throws -> String {
        String(decoding: try await fetch(client, url).body, as: UTF8.self)
    }

    /// Starts `Fixtures/<script>` (see `TestSupport.startPythonFixture`) and returns its loopback port.
    static func startFixture(_ script: String, _ arguments: [String] = []) throws -> Int {
        try TestSupport.startPythonFixture(TestSupport.fixtures(script), arguments)
    }

    /// Runs `scripts/<script>` (a path below scripts/, e.g. `compare/scrape.py`) with python3 (output to a file,
    /// awaited without blocking a cooperative thread: such scripts run for a minute while other suites' async tests
    /// share the pool) and returns its exit status and output.
    static func runScript(
        _ script: String,
        _ arguments: [String] = [],
        environment extra: [String: String] = [:]
    ) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestSupport.packageRoot + "/scripts/" + script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let name = URL(fileURLWithPath: script).lastPathComponent
        let output = try TestSupport.temporaryDirectory(prefix: "klaxon-e2e") + "/\(name).out"
        guard FileManager.default.createFile(atPath: output, contents: nil),
            let handle = FileHandle(forWritingAtPath: output)
        else { throw E2EError("cannot create \(output)") }
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        let status = try await TestSupport.runToExit(process)
        return (status, try String(contentsOfFile: output, encoding: .utf8))
    }

    /// `name`'s path when it is an executable on `PATH`.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The value of one exposition line `series value` (`series` with its labels, as printed).
    static func value(_ exposition: String, _ series: String) -> Double? {
        for line in exposition.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    /// A fixture's `/stats` JSON object.
    static func stats(_ client: HTTPClient, port: Int) async throws -> [String: Any] {
        let body = try await fetch(client, "http://127.0.0.1:\(port)/stats").body
        return try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] ?? [:]
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 200 ms for up to `seconds`; fails the test with `what` when it never holds.
@discardableResult
func eventually<T>(
    _ what: String,
    seconds: Double = 20,
    _ condition: () async throws -> T?
) async throws -> T {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let value = try await condition() { return value }
        try await Task.sleep(for: .milliseconds(200))
    }
    throw E2EError("timed out after \(seconds) s waiting until \(what)")
}

func eventually(_ what: String, seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
    try await eventually(what, seconds: seconds) { try await condition() ? true : nil }
}
