import KlaxonWire

/// A remote-write series as tests write it: labels in order, samples as (timestamp ms, value).
typealias TestSeries = (labels: [(String, String)], samples: [(Int64, Double)])

/// The generated `WriteRequest` for `series`, built field by field (the reference the receiver and the encoder are
/// checked against).
func writeRequest(_ series: [TestSeries]) -> Prometheus_WriteRequest {
    var request = Prometheus_WriteRequest()
    for entry in series {
        var ts = Prometheus_TimeSeries()
        ts.labels = entry.labels.map { name, value in
            var label = Prometheus_Label()
            label.name = name
            label.value = value
            return label
        }
        ts.samples = entry.samples.map { t, v in
            var sample = Prometheus_Sample()
            sample.timestamp = t
            sample.value = v
            return sample
        }
        request.timeseries.append(ts)
    }
    return request
}
