import Crypto

/// MD5, used only where Prometheus uses it: `hashmod` relabeling. The digest is swift-crypto's `Insecure.MD5`
/// (already in the dependency graph through the TLS stack).
enum MD5 {
    /// The 16-byte digest of `bytes`.
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(Insecure.MD5.hash(data: bytes))
    }

    /// The low 8 bytes of the digest as a big-endian integer, as Prometheus's `hashmod` reads it
    /// (`binary.BigEndian.Uint64(hash[8:])`).
    static func sum64(_ bytes: [UInt8]) -> UInt64 {
        digest(bytes)[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
