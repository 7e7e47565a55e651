/// 16 lowercase hex digits (Go's `Fingerprint.String()`, `%016x`).
public func fingerprintHex(_ fingerprint: UInt64) -> String {
    let text = String(fingerprint, radix: 16)
    return String(repeating: "0", count: 16 - text.count) + text
}
