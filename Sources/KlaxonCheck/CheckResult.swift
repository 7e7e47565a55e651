/// What a `check` command produced: the exact stdout and stderr text and the process exit code
/// (promtool's convention: 0 success, 1 failure, 3 lint problems).
public struct CheckResult: Error, Hashable, Sendable {
    public var stdout: String
    public var stderr: String
    public var exitCode: Int32

    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }

    public static let successExitCode: Int32 = 0
    public static let failureExitCode: Int32 = 1
    public static let lintExitCode: Int32 = 3
}
