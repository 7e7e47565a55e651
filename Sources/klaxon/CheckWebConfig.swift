import ArgumentParser
import KlaxonDaemon
import KlaxonServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct CheckWebConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web-config",
        abstract: "Check web configuration files (promtool check web-config).",
        discussion: "Prints `FILE SUCCESS` or `FILE FAILED: reason` per file on stderr; exit code 1 if any failed."
    )

    @Argument(help: "Web configuration files (--web.config.file format).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("required argument 'web-config-files' not provided") }
    }

    func run() throws {
        // promtool (kingpin's ExistingFiles) refuses the whole command when a path does not exist.
        for file in files where access(file, F_OK) != 0 {
            StandardStreams.write("promtool: error: path '\(file)' does not exist, try --help\n", to: 2)
            throw ExitCode(1)
        }
        var failed = false
        for file in files {
            do {
                _ = try WebConfig.load(path: file)
                StandardStreams.write("\(file) SUCCESS\n", to: 2)
            } catch {
                failed = true
                StandardStreams.write("\(file) FAILED: \(error.message)\n", to: 2)
            }
        }
        if failed { throw ExitCode(1) }
    }
}
