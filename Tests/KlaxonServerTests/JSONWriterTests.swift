import Testing

@testable import KlaxonServer
