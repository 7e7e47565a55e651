public import KlaxonModel

extension ServerBackend {
    /// Default: no external labels.
    public func externalLabels() async -> Labels { .empty }
}
