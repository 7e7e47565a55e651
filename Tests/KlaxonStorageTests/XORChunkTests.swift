import KlaxonModel
import Testing

@testable import KlaxonStorage

struct XORChunkTests {
    @Test func emptyChunkDecodesNothing() {
        let chunk = XORChunk()
        #expect(chunk.samples().isEmpty)
        #expect(chunk.byteCount == 0)
    }
}
