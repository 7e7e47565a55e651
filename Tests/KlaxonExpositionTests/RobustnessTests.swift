import KlaxonExposition
import KlaxonModel
import Testing

/// Whatever the bytes, the parser yields entries or an error and terminates; it never traps.
struct RobustnessTests {
    static let seed = Array(
        """
        # HELP rpc_seconds RPC \\\\ latency.
        # TYPE rpc_seconds histogram
        rpc_seconds_bucket{le="0.1",path="/a\\"b\\n"} 1 1700000000000
        rpc_seconds_bucket{le="+Inf",path="/a\\"b\\n",} 2
        rpc_seconds_sum 0.3
        rpc_seconds_count 2
        # TYPE s summary
        s{quantile="0.5"} NaN
        # UNIT x_bytes bytes
        x_bytes_total 1.5e3 17 # {trace_id="a"} 1
        # EOF

        """.utf8
    )

    /// Drains a parser, bounding the number of entries so a non-terminating parser fails the test.
    static func drain(_ bytes: [UInt8], _ format: ExpositionFormat) -> Bool {
        var parser = TextParser(bytes, format: format)
        var steps = 0
        while steps <= bytes.count + 2 {
            steps += 1
            do {
                guard try parser.next() != nil else { return true }
                _ = parser.labels()
            } catch {
                return true
            }
        }
        return false
    }

    @Test(arguments: [ExpositionFormat.text, .openMetrics])
    func everyTruncationTerminates(_ format: ExpositionFormat) {
        for length in 0...Self.seed.count {
            #expect(Self.drain(Array(Self.seed[0..<length]), format))
        }
    }

    @Test(arguments: [ExpositionFormat.text, .openMetrics])
    func randomMutationsTerminate(_ format: ExpositionFormat) {
        var random = SplitMix64(seed: 42)
        let alphabet = Array("{}=\",\\ \t\n#eE+-.0123456789aINf_:".utf8) + [0x00, 0x80, 0xFF, 0xC3]
        for _ in 0..<3000 {
            var bytes = Self.seed
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[position] = alphabet.randomElement(using: &random) ?? 0
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet.randomElement(using: &random) ?? 0, at: position)
                }
                if bytes.isEmpty { bytes = [0x0A] }
            }
            #expect(Self.drain(bytes, format))
        }
    }

    @Test func randomBytesTerminate() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            #expect(Self.drain(bytes, .text))
            #expect(Self.drain(bytes, .openMetrics))
        }
    }
}
