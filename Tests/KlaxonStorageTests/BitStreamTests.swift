import KlaxonModel
import Testing

@testable import KlaxonStorage

struct BitStreamTests {
    /// Property: any sequence of (value, width) writes reads back as the low `width` bits of each value.
    @Test(arguments: 0..<50)
    func arbitraryWidthsRoundTrip(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &+ 1000)
        var writer = BitWriter()
        var written: [(UInt64, Int)] = []
        for _ in 0..<500 {
            let width = Int(random.next() % 64) + 1
            let value = random.next()
            writer.write(value, bits: width)
            written.append((width == 64 ? value : value & ((1 << UInt64(width)) - 1), width))
        }
        #expect(writer.bitCount == written.reduce(0) { $0 + $1.1 })
        writer.words.withUnsafeBufferPointer { buffer in
            var reader = BitReader(buffer)
            for (value, width) in written {
                #expect(reader.read(bits: width) == value)
            }
        }
    }

    @Test func singleBitsAndTrim() {
        var writer = BitWriter(reservingWords: 8)
        let pattern: [Bool] = (0..<130).map { $0 % 3 == 0 }
        for bit in pattern { writer.write(bit ? 1 : 0, bits: 1) }
        writer.trim()
        #expect(writer.words.count == 3)
        // Trimmed below the 8 reserved words; not exactly 3: the array may keep what malloc rounds its block up to.
        #expect(writer.words.capacity < 8)
        writer.words.withUnsafeBufferPointer { buffer in
            var reader = BitReader(buffer)
            #expect(pattern.map { _ in reader.readBit() } == pattern)
            // Past the end reads zeros instead of trapping.
            #expect(reader.read(bits: 64) == 0)
        }
    }
}
