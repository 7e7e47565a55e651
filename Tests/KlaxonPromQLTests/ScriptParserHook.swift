import KlaxonModel

@testable import KlaxonPromQL

#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// Parses a script's query text with the mode's parser options (the upstream harness enables experimental
/// functions for the 3.x set).
func parseForScripts(_ text: String, mode: EngineMode) throws -> Expr {
    let options =
        mode == .prometheus2
        ? ParserOptions.prometheus2 : ParserOptions(dotMatchesNewline: true, enableExperimentalFunctions: true)
    return try parseExpr(text, options: options)
}
