import FuzzSupport
import KlaxonRemote
import KlaxonStorage
import KlaxonWire

/// The remote-write receiver on untrusted bodies (`POST /api/v1/write`). Each input is tried twice: as the body
/// itself (snappy's block decoder on arbitrary bytes, then protobuf) and compressed first (protobuf's decoder and
/// the append path on arbitrary messages). Every call must answer (204 or 4xx/5xx) without crashing, and never
/// store samples under an error that says the body was not understood.
@_cdecl("FuzzRemoteWrite_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
        for body in [input, Snappy.compress(input)] {
            let head = Head()
            let outcome = RemoteWriteReceiver.receive(body, into: head, maxDecodedBytes: 1 << 20)
            if outcome.message.hasPrefix("snappy:") || outcome.message.hasPrefix("proto:") {
                precondition(head.stats().seriesCount == 0, "a body that did not decode stored series")
            }
        }
        return 0
    }
}
