import Foundation
import KlaxonCurl

#if canImport(Glibc)
import Glibc
#endif

/// What every end-to-end test needs: the built binary, a scratch directory, a free loopback port, the Python
/// fixtures of `Fixtures/`, and small readers of HTTP answers.
enum E2E {
    /// How long a daemon may take to answer `/-/ready`: about a second on an idle machine; CI runs the suite in
    /// parallel on 2 cores, sometimes beside other builds, where a start has taken over 20 s.
    static let startupSeconds: Double = 60

    /// `.build/<config>/klaxon`, beside the test bundle.
    static func klaxonBinary() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("klaxon").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let fallback = root.appendingPathComponent(".build/debug/klaxon").path
        guard FileManager.default.isExecutableFile(atPath: fallback) else {
            throw E2EError("the klaxon binary was not built (run `swift build --build-tests` first)")
        }
        return fallback
    }

    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/klaxon-e2e-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw E2EError("mkdtemp failed") }
        return String(cString: made)
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw E2EError("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

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

    /// The body of a GET, as text.
    static func get(_ client: HTTPClient, _ url: String) async throws -> String {
        String(decoding: try await fetch(client, url).body, as: UTF8.self)
    }

    /// Starts `Fixtures/<script>` with the test process's pid (the fixture exits when it is gone) and `arguments`,
    /// and returns the loopback port it prints on its first line.
    static func startFixture(_ script: String, _ arguments: [String] = []) throws -> Int {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/" + script).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path, String(ProcessInfo.processInfo.processIdentifier)] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw E2EError("\(script) did not start") }
        return port
    }

    /// Runs `scripts/<script>` with python3 (output to a file, awaited without blocking a cooperative thread:
    /// such scripts run for a minute while other suites' async tests share the pool) and returns its exit status
    /// and output.
    static func runScript(
        _ script: String,
        _ arguments: [String] = [],
        environment extra: [String: String] = [:]
    ) async throws -> (status: Int32, output: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/" + script).path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        let output = try temporaryDirectory() + "/\(script).out"
        guard FileManager.default.createFile(atPath: output, contents: nil),
            let handle = FileHandle(forWritingAtPath: output)
        else { throw E2EError("cannot create \(output)") }
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus) }
        }
        try process.run()
        var status: Int32 = -1
        for await code in exited {
            status = code
            break
        }
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
