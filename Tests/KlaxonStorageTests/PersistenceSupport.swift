import KlaxonModel
import Testing

@testable import KlaxonStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory under /tmp, removed (recursively) by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/klaxon-wal-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let made else { preconditionFailure("mkdtemp failed") }
        path = made
    }

    func remove() { Self.removeRecursively(path) }

    static func removeRecursively(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileIO.list(path)) ?? [] { removeRecursively(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    let fd = FileIO.create(path)
    precondition(fd >= 0)
    _ = bytes.withUnsafeBytes { FileIO.writeAll(fd, $0) }
    close(fd)
}

/// A data set and its model: `seriesCount` series, `steps` commits of one sample per series each, values a mix
/// of counters, decimals, random doubles and staleness markers.
struct PersistenceDataSet {
    var model = MemoryQueryable()
    var labels: [Labels] = []

    init(seriesCount: Int, seed: UInt64 = 1) {
        for index in 0..<seriesCount {
            labels.append(
                Labels(["__name__": "metric_\(index % 7)", "instance": "host-\(index)", "job": "j\(index % 3)"])
            )
        }
        _ = seed
    }

    /// Appends steps `range` (timestamps `step * 15_000`, with jitter) to `head` and to the model.
    mutating func append(to head: Head, steps range: Range<Int>, seed: UInt64 = 7) {
        var random = SplitMix64(seed: seed &+ UInt64(range.lowerBound))
        var appender = head.appender()
        let refs = labels.map { head.getOrCreate($0) }
        for step in range {
            for (index, ref) in refs.enumerated() {
                let t = Int64(step) * 15_000 + Int64(random.next() % 7)
                let v: Double
                switch (index + step) % 5 {
                case 0: v = Double(step * 10 + index)
                case 1: v = Double(Int(random.next() % 10_000)) / 100
                case 2: v = Double(bitPattern: random.next() >> 2)
                case 3: v = step % 9 == 4 ? StaleNaN.value : 1
                default: v = -0.0
                }
                appender.append(ref, t: t, v: v)
                model.append(labels[index], t: t, v: v)
            }
            appender.commit()
        }
    }
}

/// Every series of `head` as labels → (timestamps, value bit patterns).
func dump(_ queryable: some Queryable) -> [Labels: [(Int64, UInt64)]] {
    var result: [Labels: [(Int64, UInt64)]] = [:]
    for series in queryable.select([], mint: .min, maxt: .max) {
        result[series.labels] = zip(series.timestamps, series.values.map(\.bitPattern)).map { ($0, $1) }
    }
    return result
}

/// True when `got` holds, per series, a prefix of `expected` (bit-exact).
func isPrefix(_ got: [Labels: [(Int64, UInt64)]], of expected: [Labels: [(Int64, UInt64)]]) -> Bool {
    for (labels, samples) in got {
        guard let full = expected[labels], samples.count <= full.count else { return false }
        for (index, sample) in samples.enumerated() where full[index] != sample { return false }
    }
    return true
}

func sameData(_ a: [Labels: [(Int64, UInt64)]], _ b: [Labels: [(Int64, UInt64)]]) -> Bool {
    a.count == b.count && isPrefix(a, of: b) && isPrefix(b, of: a)
        && a.allSatisfy { labels, samples in b[labels]?.count == samples.count }
}
