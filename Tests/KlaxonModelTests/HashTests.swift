import KlaxonModel
import Testing

/// The two non-cryptographic hashes Klaxon shares with Prometheus and Alertmanager, against published vectors.
struct HashTests {
    /// xxHash64 with seed 0 (Prometheus's `labels.Hash()`, and so rule-group and target slots).
    @Test func xxhashMatchesReferenceVectors() {
        #expect(XXHash64.hash(Array("".utf8)) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        let long = Array("Nobody inspects the spammish repetition, not even twice".utf8)
        #expect(XXHash64.hash(long) != XXHash64.hash(Array(long.dropLast())))
    }

    /// FNV-1a 64 (Go's `hash/fnv.New64a`), the vectors of the FNV reference: the empty input is the offset
    /// basis; parts hash as their concatenation.
    @Test func fnv1aMatchesReferenceVectors() {
        #expect(FNV1a64.hash("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash("foobar".utf8) == 0x8594_4171_f739_67e8)
        #expect(FNV1a64.hash("foo".utf8, "bar".utf8) == FNV1a64.hash("foobar".utf8))
        #expect(FNV1a64.add(Array("bar".utf8), to: FNV1a64.hash("foo".utf8)) == FNV1a64.hash("foobar".utf8))
    }
}
