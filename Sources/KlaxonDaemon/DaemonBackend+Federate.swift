import KlaxonConfig
import KlaxonModel
import KlaxonServer

extension DaemonBackend {
    /// `/federate` adds the loaded configuration's external labels to the series that lack them.
    func externalLabels() async -> Labels {
        daemon.configuration.prometheus.global.externalLabels
    }
}
