/// What a check command prints and how it exits, as promtool/amtool would: the CLI writes these verbatim.
public struct CheckOutput: Sendable, Hashable {
    public var stdout: String
    public var stderr: String
    public var exitCode: Int32

    public init(stdout: String = "", stderr: String = "", exitCode: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitCode = exitCode
    }

    /// promtool's exit codes.
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let lintFailure: Int32 = 3
}
