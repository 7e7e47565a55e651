internal import HummingbirdBcrypt
import Synchronization

/// Checks `Authorization: Basic` credentials against `basic_auth_users` (bcrypt hashes), as exporter-toolkit does:
/// every request needs valid credentials once users are configured.
///
/// bcrypt is slow on purpose (tens of milliseconds per check), so successful checks are remembered (bounded; the
/// key is the exact user, password and hash, never a weaker digest) and run off the event loop. An unknown user
/// is checked against a dummy hash so that timing does not reveal which user names exist.
final class BasicAuthenticator: Sendable {
    private let users: [String: String]
    private let verified = Mutex<Set<CacheKey>>([])
    static let cacheLimit = 256
    /// A cost-10 hash of a password nobody uses.
    static let dummyHash = "$2b$10$inUiB2L.y5QW8G0eP5gcquegg/WrMrfBFHRNjixQbpkGe7lg6frmK"

    private struct CacheKey: Hashable {
        var user: String
        var password: String
        var hash: String
    }

    init(users: [String: String]) {
        self.users = users.mapValues(Self.verifiableHash)
    }

    /// The hash in the form the bcrypt implementation checks. Go's `bcrypt` reads any minor version letter
    /// (`$2a$`, `$2b$`, `$2y$` from `htpasswd -B`, or none: `$2$`) and computes every one the `$2b$` way
    /// (password cut at 72 bytes); the OpenBSD code here knows only `a` and `b`, and `a` differs from Go for
    /// passwords over 255 bytes. So the version is rewritten to `$2b$`; the cost, salt and hash stay as written.
    static func verifiableHash(_ hash: String) -> String {
        let bytes = Array(hash.utf8)
        let dollar = UInt8(ascii: "$")
        guard bytes.count >= 4, bytes[0] == dollar, bytes[1] == UInt8(ascii: "2") else { return hash }
        // `$2$rest` (no minor letter) or `$2x$rest` (one letter); anything else is not a bcrypt hash.
        let restStart = bytes[2] == dollar ? 3 : bytes[3] == dollar ? 4 : nil
        guard let restStart else { return hash }
        return "$2b$" + String(decoding: bytes[restStart...], as: UTF8.self)
    }

    var isEnabled: Bool { !users.isEmpty }

    /// Whether the `Authorization` header value carries the credentials of a configured user.
    func authorize(_ header: String?) async -> Bool {
        guard isEnabled else { return true }
        guard let header, let (user, password) = Self.parseBasic(header) else { return false }
        let known = users[user]
        let key = CacheKey(user: user, password: password, hash: known ?? Self.dummyHash)
        if known != nil, verified.withLock({ $0.contains(key) }) { return true }
        let matches = await Task.detached { Bcrypt.verify(key.password, hash: key.hash) }.value
        guard matches, known != nil else { return false }
        verified.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache.insert(key)
        }
        return true
    }

    /// `Basic <base64(user:password)>` → (user, password), as Go's `Request.BasicAuth` (scheme case-insensitive).
    static func parseBasic(_ header: String) -> (String, String)? {
        let bytes = Array(header.utf8)
        let prefix = Array("basic ".utf8)
        guard bytes.count > prefix.count else { return nil }
        for (index, expected) in prefix.enumerated() {
            let byte = bytes[index]
            let lowered = (byte >= 65 && byte <= 90) ? byte + 32 : byte
            guard lowered == expected else { return nil }
        }
        guard let decoded = Base64.decode(bytes[prefix.count...]),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        return (
            String(decoding: decoded[..<colon], as: UTF8.self),
            String(decoding: decoded[(colon + 1)...], as: UTF8.self)
        )
    }
}

/// Standard base64 (RFC 4648 §4, padded), as Go's `base64.StdEncoding`.
enum Base64 {
    static func decode(_ input: ArraySlice<UInt8>) -> [UInt8]? {
        guard input.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3)
        var quad: [UInt8] = [0, 0, 0, 0]
        var index = input.startIndex
        while index < input.endIndex {
            var padding = 0
            for offset in 0..<4 {
                let byte = input[index + offset]
                if byte == UInt8(ascii: "=") {
                    // Padding only in the last quad, only in its last two places, and nothing after it.
                    guard index + 4 == input.endIndex, offset >= 2 else { return nil }
                    padding += 1
                    quad[offset] = 0
                } else {
                    guard padding == 0, let value = value(of: byte) else { return nil }
                    quad[offset] = value
                }
            }
            let triple = UInt32(quad[0]) << 18 | UInt32(quad[1]) << 12 | UInt32(quad[2]) << 6 | UInt32(quad[3])
            out.append(UInt8(truncatingIfNeeded: triple >> 16))
            if padding < 2 { out.append(UInt8(truncatingIfNeeded: triple >> 8)) }
            if padding < 1 { out.append(UInt8(truncatingIfNeeded: triple)) }
            index += 4
        }
        return out
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
