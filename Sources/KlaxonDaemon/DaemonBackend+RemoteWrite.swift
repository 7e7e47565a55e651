import KlaxonConfig
import KlaxonModel
import KlaxonRemote
import KlaxonServer
import Logging
import Synchronization

extension DaemonBackend {
    /// `POST /api/v1/write`: appends a remote-write request to the store (the scrape path's store: rules see it
    /// at their next evaluation), counts it, and logs refused samples as Prometheus does.
    func remoteWrite(body: [UInt8]) async -> (status: Int, body: String)? {
        guard daemon.options.enableRemoteWriteReceiver else { return nil }
        let outcome = RemoteWriteReceiver.receive(body, into: daemon.head)
        daemon.receiverCounters.withLock { counters in
            counters.requests += 1
            if outcome.status >= 300 { counters.rejectedRequests += 1 }
            counters.samples += Int64(outcome.samplesAppended)
            counters.outOfOrder += Int64(outcome.outOfOrder)
            counters.duplicates += Int64(outcome.duplicates)
            counters.tooOld += Int64(outcome.tooOld)
        }
        if outcome.status >= 300 {
            daemon.logger.component("web").error(
                outcome.samplesAppended == 0 && outcome.outOfOrder == 0 && outcome.duplicates == 0
                    ? "Error decoding remote write request" : "Out of order sample from remote write",
                metadata: [
                    "err": "\(outcome.message.trimmingSpaces())", "appended": "\(outcome.samplesAppended)",
                    "out_of_order": "\(outcome.outOfOrder)", "duplicates": "\(outcome.duplicates)",
                    "too_old": "\(outcome.tooOld)",
                ]
            )
        }
        return (outcome.status, outcome.message)
    }
}
