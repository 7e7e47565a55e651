import KlaxonModel

@testable import KlaxonPromQL

#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif

struct ParserUnavailable: Error, CustomStringConvertible {
    var description: String { "the PromQL parser is not merged yet" }
}

/// Parses a script's query text with the mode's parser options.
func parseForScripts(_ text: String, mode: EngineMode) throws -> Expr {
    throw ParserUnavailable()
}
