internal import CCurl

/// The state of one in-flight transfer. Confined to the multi's event thread after submission, except for the
/// continuation, which is resumed exactly once (by the event thread, or by `fail` before submission).
final class Transfer: @unchecked Sendable {
    let id: UInt64
    let request: HTTPRequest
    var continuation: CheckedContinuation<HTTPResponse, any Error>?
    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    var body: [UInt8] = []
    var responseHeaders: [(name: String, value: String)] = []
    var bodyLimitExceeded = false
    var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    /// The request body, kept alive for libcurl (CURLOPT_POSTFIELDS does not copy).
    var requestBody: [UInt8]
    /// C strings passed to libcurl must outlive the transfer.
    var retainedStrings: [UnsafeMutablePointer<CChar>] = []

    init(id: UInt64, request: HTTPRequest, continuation: CheckedContinuation<HTTPResponse, any Error>) {
        self.id = id
        self.request = request
        self.continuation = continuation
        self.requestBody = request.body
    }

    func retain(_ string: String) -> UnsafeMutablePointer<CChar>? {
        guard let copy = strdup(string) else { return nil }
        retainedStrings.append(copy)
        return copy
    }

    func resume(_ result: Result<HTTPResponse, any Error>) {
        continuation?.resume(with: result)
        continuation = nil
    }

    func releaseResources() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
        for string in retainedStrings { free(string) }
        retainedStrings.removeAll()
    }

    deinit { releaseResources() }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
