internal import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds and interprets libcurl easy handles for `Transfer`s.
enum CurlEasy {
    static func configure(_ transfer: Transfer) throws(CurlError) -> UnsafeMutableRawPointer {
        guard let easy = curl_easy_init() else {
            throw CurlError(kind: .other, message: "curl_easy_init failed")
        }
        transfer.easy = easy
        let request = transfer.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()

        func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
            let rc = klaxon_curl_easy_setopt_long(easy, option, value)
            if rc != CURLE_OK {
                throw CurlError(
                    kind: .invalidRequest,
                    code: Int32(rc.rawValue),
                    message: "curl option \(option.rawValue) rejected"
                )
            }
        }
        func set(_ option: CURLoption, _ value: String) throws(CurlError) {
            guard let copy = transfer.retain(value) else { throw CurlError(kind: .other, message: "out of memory") }
            let rc = klaxon_curl_easy_setopt_string(easy, option, copy)
            if rc != CURLE_OK {
                throw CurlError(
                    kind: .invalidRequest,
                    code: Int32(rc.rawValue),
                    message: "curl option \(option.rawValue) rejected"
                )
            }
        }

        try set(CURLOPT_URL, request.url)
        klaxon_curl_easy_setopt_pointer(easy, CURLOPT_PRIVATE, UnsafeMutableRawPointer(bitPattern: UInt(transfer.id)))
        try set(CURLOPT_NOSIGNAL, 1)
        transfer.errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = klaxon_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, buffer.baseAddress)
        }
        klaxon_curl_easy_setopt_write_callback(easy, writeCallback)
        klaxon_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        klaxon_curl_easy_setopt_header_callback(easy, headerCallback)
        klaxon_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        if request.timeoutMilliseconds > 0 {
            try set(CURLOPT_TIMEOUT_MS, Int(request.timeoutMilliseconds))
            try set(CURLOPT_CONNECTTIMEOUT_MS, Int(request.timeoutMilliseconds))
        }
        if request.acceptGzip { try set(CURLOPT_ACCEPT_ENCODING, "gzip") }
        try set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        if let proxy = request.proxyURL { try set(CURLOPT_PROXY, proxy) }

        switch request.method {
        case .get:
            try set(CURLOPT_HTTPGET, 1)
        case .post, .put, .delete:
            if request.method != .post { try set(CURLOPT_CUSTOMREQUEST, request.method.rawValue) }
            try set(CURLOPT_POST, 1)
            try set(CURLOPT_POSTFIELDSIZE, transfer.requestBody.count)
            transfer.requestBody.withUnsafeMutableBytes { bytes in
                _ = klaxon_curl_easy_setopt_pointer(easy, CURLOPT_POSTFIELDS, bytes.baseAddress)
            }
        }

        var list: UnsafeMutablePointer<curl_slist>?
        var headers = request.headers
        if case .header(let type, let credentials) = request.authorization {
            headers.append((name: "Authorization", value: "\(type) \(credentials)"))
        }
        // libcurl adds `Expect: 100-continue` to large POSTs; receivers such as Slack do not need the round trip.
        if request.method != .get { headers.append((name: "Expect", value: "")) }
        for header in headers {
            let line = header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)"
            list = curl_slist_append(list, line)
        }
        transfer.headerList = list
        if let list { klaxon_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list) }

        if case .basic(let username, let password) = request.authorization {
            try set(CURLOPT_HTTPAUTH, 1)  // CURLAUTH_BASIC
            try set(CURLOPT_USERNAME, username)
            try set(CURLOPT_PASSWORD, password)
        }

        let tls = request.tls
        if let caFile = tls.caFile { try set(CURLOPT_CAINFO, caFile) }
        if let certFile = tls.certFile { try set(CURLOPT_SSLCERT, certFile) }
        if let keyFile = tls.keyFile { try set(CURLOPT_SSLKEY, keyFile) }
        if tls.insecureSkipVerify {
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        if request.maxBodyBytes > 0 {
            try set(CURLOPT_MAXFILESIZE, request.maxBodyBytes)
        }
        return easy
    }

    static func error(for code: CURLcode, transfer: Transfer) -> CurlError {
        let detail: String = transfer.errorBuffer.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, base.pointee != 0 else { return "" }
            return String(cString: base)
        }
        let generic = curl_easy_strerror(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
        let message = detail.isEmpty ? generic : detail
        let kind: CurlError.Kind
        switch code {
        case CURLE_OPERATION_TIMEDOUT: kind = .timeout
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .connect
        case CURLE_FILESIZE_EXCEEDED: kind = .bodyTooLarge
        case CURLE_WRITE_ERROR where transfer.bodyLimitExceeded: kind = .bodyTooLarge
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        default: kind = .other
        }
        if kind == .bodyTooLarge {
            return CurlError(
                kind: kind,
                code: Int32(code.rawValue),
                message: "body size limit exceeded (\(transfer.request.maxBodyBytes) bytes)"
            )
        }
        return CurlError(kind: kind, code: Int32(code.rawValue), message: message)
    }
}

/// The transfer and the bytes handed to a libcurl write or header callback.
private func callbackArguments(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ context: UnsafeMutableRawPointer?
) -> (Transfer, UnsafeRawBufferPointer)? {
    guard let data, let context else { return nil }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return (transfer, UnsafeRawBufferPointer(start: data, count: size * count))
}

private func writeCallback(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let (transfer, bytes) = callbackArguments(data, size, count, context) else { return 0 }
    let limit = transfer.request.maxBodyBytes
    if limit > 0, transfer.body.count + bytes.count > limit {
        transfer.bodyLimitExceeded = true
        return 0
    }
    transfer.body.append(contentsOf: bytes)
    return bytes.count
}

private func headerCallback(
    _ data: UnsafeMutablePointer<CChar>?,
    _ size: Int,
    _ count: Int,
    _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let (transfer, bytes) = callbackArguments(data, size, count, context) else { return 0 }
    let length = bytes.count
    let line = String(decoding: bytes, as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        // A new response (redirect or 100 Continue): only the final response's headers count.
        transfer.responseHeaders.removeAll()
        return length
    }
    guard let colon = line.firstIndex(of: ":") else { return length }
    let name = String(line[line.startIndex..<colon])
    let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t\r\n")
    transfer.responseHeaders.append((name: name, value: value))
    return length
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = self[...]
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
