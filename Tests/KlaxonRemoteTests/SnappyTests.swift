import KlaxonWire
import Testing

@Suite struct SnappyTests {
    @Test func roundTripsAndRejectsCorruptOrOversizedBlocks() throws {
        let input = Array("remote write, remote write, remote write".utf8)
        let block = Snappy.compress(input)
        #expect(block.count < input.count)
        #expect(try Snappy.decompress(block, limit: 1 << 20) == input)
        #expect(throws: Snappy.DecodeError.self) { try Snappy.decompress(block, limit: 8) }
        #expect(throws: Snappy.DecodeError.self) {
            try Snappy.decompress([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2], limit: 1 << 20)
        }
        #expect(try Snappy.decompress(Snappy.compress([]), limit: 16) == [])
    }
}
