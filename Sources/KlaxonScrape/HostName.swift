#if canImport(Glibc)
import Glibc
#endif

/// The machine's name, as Prometheus takes it.
public enum HostName {
    /// `os.Hostname()`; "localhost" when the system cannot say.
    public static func short() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return string(buffer)
    }

    /// Prometheus's `osutil.GetFQDN`: the first name a reverse lookup gives for an address of the host name
    /// (`/etc/hosts` first, as the system resolver does), else the host name itself.
    public static func fullyQualified() -> String {
        let name = short()
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return name }
        defer { freeaddrinfo(first) }
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let status = getnameinfo(
                entry.pointee.ai_addr,
                entry.pointee.ai_addrlen,
                &host,
                socklen_t(host.count),
                nil,
                0,
                NI_NAMEREQD
            )
            if status == 0 { return string(host) }
            node = entry.pointee.ai_next
        }
        return name
    }

    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
