#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast, non-cryptographic 64-bit hash of a byte range (8 bytes per step), for the parser's tables.
///
/// Not seeded: the tables that use it compare keys byte for byte, so collisions cost time, never correctness.
@inline(__always)
func byteHash(_ buffer: UnsafeRawBufferPointer) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(buffer.count)
    var offset = 0
    let count = buffer.count
    while offset + 8 <= count {
        let word = buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        hash = (hash ^ word) &* multiplier
        hash ^= hash >> 29
        offset += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < count {
        tail |= UInt64(buffer[offset]) << shift
        shift += 8
        offset += 1
    }
    hash = (hash ^ tail) &* multiplier
    // MurmurHash3's fmix64, so that the low bits (the table slot) depend on every input byte.
    hash ^= hash >> 33
    hash = hash &* 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 33
    hash = hash &* 0xC4CE_B9FE_1A85_EC53
    hash ^= hash >> 33
    return hash
}

@inline(__always)
func bytesEqual(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
    guard lhs.count == rhs.count else { return false }
    guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return lhs.count == 0 }
    return memcmp(left, right, lhs.count) == 0
}
