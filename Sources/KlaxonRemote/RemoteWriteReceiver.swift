import KlaxonModel
public import KlaxonStorage
import KlaxonWire
import SwiftProtobuf

/// `POST /api/v1/write` (`--web.enable-remote-write-receiver`): decodes a remote-write 1.0 body and appends its
/// samples, as Prometheus 2.42's write handler does.
///
/// Answers: 204 when everything was stored; 400 with the reason for a body that is not snappy-compressed
/// protobuf, for invalid labels, and when samples were out of order, duplicates with another value, or older
/// than the head keeps (the sender must not retry those); 413 for a body over the limit. Unlike Prometheus,
/// which rolls the whole request back on the first refused sample, the other samples of the request are kept
/// (the sender drops a 400 without retrying, so rolling back would lose them).
public enum RemoteWriteReceiver {
    public struct Outcome: Sendable, Equatable {
        public var status: Int
        /// The response body (Prometheus's error text and a newline), empty for 204.
        public var message: String
        public var samplesAppended = 0
        public var outOfOrder = 0
        public var duplicates = 0
        public var tooOld = 0
        public var seriesLimit = 0
        /// Native histograms and exemplars in the request: Klaxon stores floats only.
        public var histogramsIgnored = 0

        init(status: Int, message: String = "") {
            self.status = status
            self.message = message
        }
    }

    /// Decodes `body` (snappy block, then protobuf `WriteRequest`) and appends it to `head`.
    /// - Parameter maxDecodedBytes: the largest uncompressed body accepted.
    public static func receive(_ body: [UInt8], into head: Head, maxDecodedBytes: Int = 32 << 20) -> Outcome {
        let request: Prometheus_WriteRequest
        do {
            let decoded = try Snappy.decompress(body, limit: maxDecodedBytes)
            request = try Prometheus_WriteRequest(serializedBytes: decoded)
        } catch let error as Snappy.DecodeError {
            return Outcome(status: 400, message: error.description + "\n")
        } catch {
            return Outcome(status: 400, message: "proto: \(error)\n")
        }
        var outcome = Outcome(status: 204)
        var appender = head.appender()
        let minValid = head.newestSampleTime().map { $0 &- head.options.retention } ?? .min
        var firstProblem: (reason: String, series: Labels, t: Timestamp)?
        for series in request.timeseries {
            outcome.histogramsIgnored += series.histograms.count
            var list: [Label] = []
            list.reserveCapacity(series.labels.count)
            for label in series.labels { list.append(Label(label.name, label.value)) }
            let labels = Labels(list)
            // Names are not checked: Prometheus 3.x accepts any UTF-8 name, and 2.42's handler did not check either.
            guard !labels.isEmpty else { return Outcome(status: 400, message: "invalid labels: {}\n") }
            let ref = appender.ref(for: labels)
            for sample in series.samples {
                if sample.timestamp < minValid {
                    outcome.tooOld += 1
                    if firstProblem == nil { firstProblem = ("out of bounds", labels, sample.timestamp) }
                    continue
                }
                appender.append(ref, t: sample.timestamp, v: sample.value)
            }
        }
        let result = appender.commit()
        outcome.samplesAppended = result.appended
        outcome.outOfOrder = result.outOfOrder
        outcome.duplicates = result.duplicateTimestamp
        outcome.seriesLimit = result.seriesLimit
        if outcome.outOfOrder > 0 {
            outcome.status = 400
            outcome.message = "out of order sample\n"
        } else if outcome.duplicates > 0 {
            outcome.status = 400
            outcome.message = "duplicate sample for timestamp\n"
        } else if let firstProblem {
            outcome.status = 400
            outcome.message = firstProblem.reason + "\n"
        } else if outcome.seriesLimit > 0 {
            outcome.status = 500
            outcome.message = "series limit reached (\(outcome.seriesLimit) samples refused)\n"
        }
        return outcome
    }
}
