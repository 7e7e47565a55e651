internal import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libcurl multi handle driven by one dedicated OS thread: every transfer of the client runs on it, with no
/// thread per request. Requests are handed over through a locked inbox and `curl_multi_wakeup`.
final class CurlMulti: @unchecked Sendable {
    // `handle` and `active` are touched only by the event thread (after `init`); the inbox is locked.
    private let handle: UnsafeMutableRawPointer
    private var active: [UInt64: Transfer] = [:]
    private let inbox = Mutex(Inbox())
    private let stopped = Atomic<Bool>(false)
    private var thread: pthread_t?

    private struct Inbox {
        var pending: [Transfer] = []
        var cancelled: [UInt64] = []
        var stopping = false
        var nextID: UInt64 = 0
    }

    init() throws(CurlError) {
        CurlGlobal.ensureInitialized()
        guard let multi = curl_multi_init() else {
            throw CurlError(kind: .other, message: "curl_multi_init failed")
        }
        handle = multi
        let box = Unmanaged.passRetained(self).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(
            &tid,
            nil,
            { raw in
                guard let raw else { return nil }
                let multi = Unmanaged<CurlMulti>.fromOpaque(raw).takeRetainedValue()
                multi.run()
                return nil
            },
            box
        )
        if rc != 0 {
            Unmanaged<CurlMulti>.fromOpaque(box).release()
            curl_multi_cleanup(multi)
            throw CurlError(kind: .other, message: "cannot start the HTTP event thread (pthread_create: \(rc))")
        }
        thread = tid
    }

    func nextID() -> UInt64 {
        inbox.withLock { inbox in
            inbox.nextID += 1
            return inbox.nextID
        }
    }

    /// Hands a transfer to the event thread. Fails it at once when the client is shut down.
    func submit(_ transfer: Transfer) {
        let accepted = inbox.withLock { inbox in
            if inbox.stopping { return false }
            inbox.pending.append(transfer)
            return true
        }
        if accepted {
            curl_multi_wakeup(handle)
        } else {
            transfer.resume(.failure(CurlError(kind: .cancelled, message: "HTTP client is shut down")))
        }
    }

    func cancel(id: UInt64) {
        inbox.withLock { $0.cancelled.append(id) }
        curl_multi_wakeup(handle)
    }

    /// Stops the event thread; in-flight transfers fail with `.cancelled`. Waits for the thread to finish.
    func shutdown() {
        let first = inbox.withLock { inbox in
            let first = !inbox.stopping
            inbox.stopping = true
            return first
        }
        guard first else { return }
        curl_multi_wakeup(handle)
        if let thread { pthread_join(thread, nil) }
    }

    private func run() {
        var running: Int32 = 0
        while true {
            let (fresh, cancelled, stopping) = inbox.withLock { inbox in
                let taken = (inbox.pending, inbox.cancelled, inbox.stopping)
                inbox.pending.removeAll()
                inbox.cancelled.removeAll()
                return taken
            }
            if stopping {
                let error = CurlError(kind: .cancelled, message: "HTTP client is shut down")
                for transfer in fresh { transfer.resume(.failure(error)) }
                for (_, transfer) in active { finish(transfer, with: .failure(error)) }
                active.removeAll()
                break
            }
            for transfer in fresh { start(transfer) }
            for id in cancelled {
                if let transfer = active.removeValue(forKey: id) {
                    finish(transfer, with: .failure(CurlError(kind: .cancelled, message: "request cancelled")))
                }
            }
            curl_multi_perform(handle, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(handle, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let result = message.pointee.data.result
                var privatePointer: UnsafeMutableRawPointer?
                klaxon_curl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &privatePointer)
                let id = UInt64(UInt(bitPattern: privatePointer))
                guard let transfer = active.removeValue(forKey: id) else { continue }
                finish(transfer, with: outcome(of: transfer, easy: easy, result: result))
            }
            curl_multi_poll(handle, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(handle)
        stopped.store(true, ordering: .releasing)
    }

    private func start(_ transfer: Transfer) {
        do {
            let easy = try CurlEasy.configure(transfer)
            let rc = curl_multi_add_handle(handle, easy)
            if rc != CURLM_OK {
                transfer.resume(.failure(CurlError(kind: .other, message: "curl_multi_add_handle failed")))
                transfer.releaseResources()
                return
            }
            active[transfer.id] = transfer
        } catch {
            transfer.resume(.failure(error))
            transfer.releaseResources()
        }
    }

    private func finish(_ transfer: Transfer, with result: Result<HTTPResponse, any Error>) {
        if let easy = transfer.easy { curl_multi_remove_handle(handle, easy) }
        transfer.resume(result)
        transfer.releaseResources()
    }

    private func outcome(
        of transfer: Transfer,
        easy: UnsafeMutableRawPointer,
        result: CURLcode
    ) -> Result<HTTPResponse, any Error> {
        if result != CURLE_OK {
            return .failure(CurlEasy.error(for: result, transfer: transfer))
        }
        var status: Int = 0
        klaxon_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var seconds: Double = 0
        klaxon_curl_easy_getinfo_double(easy, CURLINFO_TOTAL_TIME, &seconds)
        return .success(
            HTTPResponse(
                status: status,
                headers: transfer.responseHeaders,
                body: transfer.body,
                durationSeconds: seconds
            )
        )
    }
}

enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    static func ensureInitialized() { _ = initialized }
}
