#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a pthread mutex: the store's stripe and postings locks.
///
/// Used instead of `Synchronization.Mutex` because ThreadSanitizer intercepts `pthread_mutex_lock`/`unlock`
/// but cannot see the happens-before edges of `Mutex`'s atomics inside the uninstrumented standard library on
/// Linux, which makes it report every access under a `Mutex` as a race. Uncontended, both cost about the same.
final class StripeLock<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only read or written between `pthread_mutex_lock` and `pthread_mutex_unlock`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    @inline(__always)
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
