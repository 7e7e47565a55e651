/// An operational error of a file or the data directory: what was attempted, and the OS error if any (the WAL,
/// checkpoints and `DurableFile` throw it).
public struct PersistenceError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A system call failed (`errno` says why).
        case io
        /// `recover()` needs an empty head and may run once.
        case misuse
    }

    public var code: Code
    public var message: String
    public var errno: Int32?

    package init(_ code: Code, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    public var description: String {
        guard let errno else { return message }
        return message + ": " + FileIO.describe(errno)
    }
}
