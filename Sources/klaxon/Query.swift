import ArgumentParser
import KlaxonModel
import KlaxonPromQL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a PromQL expression over a data file in test-script `load` notation.",
        discussion: "Prints the result as `promtool query instant` does. Exit 1 on a parse or evaluation error."
    )

    @Option(help: "File with `load <interval>` blocks (promtool/PromQL test-script notation).")
    var data: String

    @Option(help: "Evaluation time: Unix seconds or a duration from 0 such as 50m (default: newest loaded sample).")
    var time: String?

    @Flag(help: "Use Prometheus 2.x semantics (closed windows) instead of 3.x.")
    var prometheus2 = false

    @Argument(help: "The PromQL expression.")
    var expr: String

    func run() throws {
        guard let text = Self.readFile(data) else {
            StandardStreams.write("error: cannot read \(data)\n", to: 2)
            throw ExitCode(1)
        }
        do {
            let script = try PromQLTestScript(parsing: text)
            let (store, newest) = script.loadedData()
            var at: Timestamp = newest ?? 0
            if let time {
                if let seconds = Double(time) {
                    at = Time.milliseconds(fromSeconds: seconds)
                } else if let d = PromDuration(parsing: time) {
                    at = d.milliseconds
                } else {
                    StandardStreams.write("error: invalid --time \(time)\n", to: 2)
                    throw ExitCode(1)
                }
            }
            let options: ParserOptions =
                prometheus2 ? .prometheus2 : ParserOptions(dotMatchesNewline: true, enableExperimentalFunctions: true)
            let parsed = try parseExpr(expr, options: options)
            let engine = Engine(options: EngineOptions(mode: prometheus2 ? .prometheus2 : .prometheus3))
            let value = try engine.instantQuery(parsed, at: at, on: store)
            let out = value.promtoolText
            StandardStreams.write(out.isEmpty ? "" : out + "\n", to: 1)
        } catch let error as ExitCode {
            throw error
        } catch {
            StandardStreams.write("Error: \(error)\n", to: 2)
            throw ExitCode(1)
        }
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
