public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What several test targets need from the machine: the built `klaxon`, a free loopback port, a temporary
/// directory, a loopback fixture server written in Python, and a fixture folder's file names. One copy here instead
/// of one per test target.
public enum TestSupport {
    /// The package root (this file is `Tests/KlaxonTestSupport/TestSupport.swift`).
    public static let packageRoot: String = {
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        return parts.dropLast(3).joined(separator: "/")
    }()

    /// `.build/<config>/klaxon`, beside the test bundle, else `.build/debug/klaxon` under the package root.
    public static func klaxonBinary() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("klaxon").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = packageRoot + "/.build/debug/klaxon"
        guard FileManager.default.isExecutableFile(atPath: fallback) else {
            throw TestSupportError("the klaxon binary was not built (run `swift build --build-tests` first)")
        }
        return fallback
    }

    /// A fresh directory `/tmp/<prefix>-XXXXXX`.
    public static func temporaryDirectory(prefix: String = "klaxon-test") throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestSupportError("mkdtemp failed") }
        return String(cString: made)
    }

    /// A loopback TCP port that was free a moment ago (bound to port 0, then closed).
    public static func freePort() throws -> Int {
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
        guard bound == 0 else { throw TestSupportError("bind failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts the Python fixture at `path` with the test process's pid (the fixture exits when it is gone) and
    /// `arguments`, and returns the loopback port it prints on its first line.
    public static func startPythonFixture(_ path: String, _ arguments: [String] = []) throws -> Int {
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
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw TestSupportError("\(path) did not start")
        }
        return port
    }

    /// Starts `process` and waits for it to exit without blocking a thread of the cooperative pool (tests that
    /// run a script for a minute share the pool with other suites' async tests); returns its exit status.
    public static func runToExit(_ process: Process) async throws -> Int32 {
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus) }
        }
        try process.run()
        for await code in exited { return code }
        return -1
    }

    /// A whole file's bytes; nil when it cannot be opened.
    public static func readBytes(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// A whole file as UTF-8 text; nil when it cannot be opened.
    public static func readText(_ path: String) -> String? {
        readBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `Fixtures/<name>` beside the calling test file.
    public static func fixtures(_ name: String, besides file: String = #filePath) -> String {
        let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder + "/Fixtures/" + name
    }

    /// The names in `directory`, sorted, without hidden ones; with `suffix`, only names that end with it, the
    /// suffix dropped; with `directoriesOnly`, only subdirectories. Empty when the directory cannot be read.
    public static func fileNames(in directory: String, suffix: String = "", directoriesOnly: Bool = false) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix("."), name.hasSuffix(suffix) else { continue }
            if directoriesOnly && entry.pointee.d_type != UInt8(DT_DIR) { continue }
            names.append(String(name.dropLast(suffix.count)))
        }
        return names.sorted()
    }
}

/// A test's set-up failed; the message says what is missing.
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The real programs the suite compares Klaxon with (Debian's `prometheus`, `promtool`, `amtool`, …; the list
/// `scripts/setup` installs for `scripts/test`). A test that needs one is enabled when it is installed, and reported
/// as skipped, with the reason, when it is not; under `CI=true` it is always enabled, so that a missing peer fails
/// the run instead of skipping (`require` says which one and how to install it).
public enum Peers {
    public static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// `name`'s path: itself when absolute and executable, else the first executable of that name on `PATH`.
    public static func path(_ name: String) -> String? {
        if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let search = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return search.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// For `.enabled(if:)`: every peer is installed, or this is CI.
    public static func available(_ names: [String]) -> Bool {
        inCI || names.allSatisfy { path($0) != nil }
    }

    /// Fails with the missing peers' names when one is not installed (CI runs the test regardless).
    public static func require(_ names: [String]) throws {
        let missing = names.filter { path($0) == nil }
        guard missing.isEmpty else {
            throw TestSupportError(
                "\(missing.joined(separator: ", ")) not installed: scripts/setup installs the suite's peers "
                    + "(KLAXON_SETUP=test), or apt-get install prometheus prometheus-alertmanager "
                    + "prometheus-node-exporter curl openssl"
            )
        }
    }
}
