import KlaxonModel
import KlaxonPromQL
import KlaxonStorage
import KlaxonTestSupport
import Synchronization

@testable import KlaxonServer

#if canImport(Glibc)
import Glibc
#endif

/// The fixture folder next to this file.
let fixturesDirectory: String = {
    let file = "\(#filePath)"
    guard let slash = file.lastIndex(of: "/") else { return "Fixtures" }
    return String(file[..<slash]) + "/Fixtures"
}()

func readFile(_ path: String) -> String? { TestSupport.readText(path) }

/// A Head holding `Fixtures/data.om` (the same samples `scripts/record/prometheus-api.py` loads into Prometheus).
func fixtureHead() throws -> Head {
    let head = Head(options: HeadOptions(retention: 100 * 365 * Time.day))
    guard let text = readFile(fixturesDirectory + "/data.om") else {
        throw FixtureError("cannot read \(fixturesDirectory)/data.om")
    }
    var appender = head.appender()
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        guard let tsSpace = line.lastIndex(of: " ") else { throw FixtureError("bad line \(line)") }
        let rest = line[..<tsSpace]
        guard let valueSpace = rest.lastIndex(of: " "),
            let seconds = Int64(line[line.index(after: tsSpace)...]),
            let value = Double(goFloat: String(rest[rest.index(after: valueSpace)...]))
        else { throw FixtureError("bad line \(line)") }
        let labels = try parseSeriesDescription(String(rest[..<valueSpace]))
        _ = appender.append(labels, t: seconds * 1000, v: value)
    }
    _ = appender.commit()
    return head
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A backend whose answers the test sets; counts reloads.
final class FakeBackend: ServerBackend {
    struct State {
        var groups: [RuleGroupView] = []
        var alerts: [AlertView] = []
        var targets = TargetsView(active: [], dropped: [])
        var config = "global: {}\n"
        var flags: [(String, String)] = []
        var metrics: [UInt8] = Array("# HELP up x\nup 1\n".utf8)
        var ready = true
        var externalLabels: Labels = .empty
        var reloadError: String? = nil
        var reloads = 0
        var v2Calls: [(method: String, path: String, query: [String: String], body: [UInt8])] = []
    }
    let state = Mutex(State())

    init(_ configure: (inout State) -> Void = { _ in }) {
        state.withLock { configure(&$0) }
    }

    func ruleGroups() async -> [RuleGroupView] { state.withLock { $0.groups } }
    func activeAlerts() async -> [AlertView] { state.withLock { $0.alerts } }
    func targets() async -> TargetsView { state.withLock { $0.targets } }
    func configYAML() async -> String { state.withLock { $0.config } }
    func flags() async -> [(String, String)] { state.withLock { $0.flags } }
    func metricsExposition() async -> [UInt8] { state.withLock { $0.metrics } }
    func isReady() async -> Bool { state.withLock { $0.ready } }
    func externalLabels() async -> Labels { state.withLock { $0.externalLabels } }
    func reload() async throws {
        let error = state.withLock { s -> String? in
            s.reloads += 1
            return s.reloadError
        }
        if let error { throw FixtureError(error) }
    }
    func alertmanagerV2(
        method: String,
        path: String,
        query: [String: String],
        body: [UInt8]
    ) async -> (status: Int, contentType: String, body: [UInt8]) {
        state.withLock { $0.v2Calls.append((method, path, query, body)) }
        return (200, "application/json", Array("{\"path\":\"\(path)\"}".utf8))
    }
}

/// An API over `head` with Prometheus 2.42 semantics and a fixed clock.
func makeAPI(
    head: Head,
    backend: FakeBackend = FakeBackend(),
    mode: EngineMode = .prometheus2,
    now: Timestamp = 1_700_000_300_000,
    configure: (inout ServerConfiguration) -> Void = { _ in }
) -> API {
    var configuration = ServerConfiguration(engine: EngineOptions(mode: mode))
    configure(&configuration)
    return API(configuration: configuration, head: head, backend: backend, now: { now })
}

/// Builds a request from a `cases.txt` line: `METHOD PATH?QUERY [FORM BODY]`.
func request(fromCase line: String) -> APIRequest {
    let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
    let target = parts.count > 1 ? parts[1] : "/"
    let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
    let rawQuery = pathEnd < target.endIndex ? String(target[target.index(after: pathEnd)...]) : ""
    let body = parts.count > 2 ? Array(parts[2].utf8) : []
    return APIRequest(
        method: parts[0],
        path: String(target[..<pathEnd]),
        rawQuery: rawQuery,
        body: body,
        isForm: parts.count > 2
    )
}
