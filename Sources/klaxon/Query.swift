import ArgumentParser
import KlaxonCheck
import KlaxonModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a PromQL expression over a data file in test-script `load` notation.",
        discussion: """
            Prints the result as `promtool query instant` (2.42) prints it, errors included ("query error: \
            bad_data: ..." and "query error: execution: ..."), exit 1 on any error. Unlike promtool, a string \
            result prints as `<value> @[<time>]` (promtool 2.42 fails to decode it).
            """
    )

    @Option(help: "File with `load <interval>` blocks (promtool/PromQL test-script notation).")
    var data: String

    @Option(
        parsing: .unconditional,
        help: """
            Evaluation time: Unix seconds (`1700000000.5`) or RFC3339 (`2023-11-14T22:13:20Z`) as promtool takes \
            it, or a duration from the Unix epoch such as `50m` (Klaxon only). Default: the newest loaded sample.
            """
    )
    var time: String?

    @Option(name: [.customShort("o"), .customLong("format")], help: "Output format: promql or json (as promtool).")
    var format = "promql"

    @Flag(help: "Use Prometheus 2.x semantics (closed windows) instead of 3.x.")
    var prometheus2 = false

    @Argument(help: "The PromQL expression.")
    var expr: String

    func validate() throws {
        guard InstantQuery.Format(rawValue: format) != nil else {
            throw ValidationError("--format must be promql or json, not \(format)")
        }
    }

    func run() throws {
        guard let text = Self.readFile(data) else {
            StandardStreams.write("error: cannot read \(data)\n", to: 2)
            throw ExitCode(1)
        }
        let result = InstantQuery.run(
            data: text,
            path: data,
            expr: expr,
            time: time,
            prometheus2: prometheus2,
            format: InstantQuery.Format(rawValue: format) ?? .promql
        )
        StandardStreams.write(result.stdout, to: 1)
        StandardStreams.write(result.stderr, to: 2)
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    static func readFile(_ path: String) -> String? {
        try? readTextFile(path).get()
    }
}
