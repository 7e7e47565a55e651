/// Remote write 1.0 as Prometheus 2.42 sends it: a snappy-compressed protobuf `WriteRequest` with these headers.
public enum RemoteWriteProtocol {
    public static let contentType = "application/x-protobuf"
    public static let contentEncoding = "snappy"
    public static let versionHeader = "X-Prometheus-Remote-Write-Version"
    public static let version = "0.1.0"
    /// Prometheus's `User-Agent` for remote write is `Prometheus/<version>`; Klaxon names itself.
    public static let userAgent = "Klaxon-remote-write"
}
