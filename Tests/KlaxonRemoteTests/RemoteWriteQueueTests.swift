import Foundation
import KlaxonConfig
import KlaxonModel
import KlaxonStorage
import KlaxonTestSupport
import KlaxonWire
import SwiftProtobuf
import Synchronization
import Testing

@testable import KlaxonRemote

/// A receiver double: decodes every body, answers 503 while `down`, and keeps what it accepted per series.
final class RecordingReceiver: RemoteWriteTransport {
    struct State {
        var down = false
        var accepted: [String: [(t: Timestamp, v: Double)]] = [:]
        var requests = 0
        var refused = 0
    }
    let state = Mutex(State())

    func post(_ body: [UInt8], timeoutMillis: Int64) async throws -> RemoteWriteResponse {
        let request = try Prometheus_WriteRequest(serializedBytes: try Snappy.decompress(body, limit: 64 << 20))
        return state.withLock { state in
            state.requests += 1
            if state.down {
                state.refused += 1
                return RemoteWriteResponse(status: 503, body: Array("down".utf8))
            }
            for series in request.timeseries {
                let key = series.labels.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
                for sample in series.samples {
                    state.accepted[key, default: []].append((sample.timestamp, sample.value))
                }
            }
            return RemoteWriteResponse(status: 204)
        }
    }

    var sampleCount: Int { state.withLock { $0.accepted.values.reduce(0) { $0 + $1.count } } }
}

@Suite struct RemoteWriteQueueTests {
    func config(_ mutate: (inout RemoteWriteConfig) -> Void = { _ in }) -> RemoteWriteConfig {
        var config = RemoteWriteConfig(url: "http://receiver.invalid/api/v1/write")
        config.queueName = "test"
        config.queue.batchSendDeadline = 50
        config.queue.minBackoff = 5
        config.queue.maxBackoff = 20
        config.queue.maxSamplesPerSend = 7
        mutate(&config)
        return config
    }

    func append(_ head: Head, series: Int, from t0: Timestamp, steps: Int) {
        for step in 0..<steps {
            var appender = head.appender()
            for s in 0..<series {
                _ = appender.append(
                    Labels(["__name__": "m", "i": "\(s)"]),
                    t: t0 + Timestamp(step) * 1000,
                    v: Double(s * 1000 + step)
                )
            }
            _ = appender.commit()
        }
    }

    func waitUntil(_ seconds: Double = 20, _ condition: () -> Bool) async {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(), Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
    }

    func queue(
        _ dir: String,
        _ persistence: HeadPersistence,
        _ receiver: RecordingReceiver,
        external: Labels = .empty,
        config mutate: (inout RemoteWriteConfig) -> Void = { _ in }
    ) -> RemoteWriteQueue {
        RemoteWriteQueue(
            config: config(mutate),
            externalLabels: external,
            walDirectory: persistence.walPath,
            progressPath: dir + "/progress",
            persistence: persistence,
            transport: receiver,
            log: { _ in }
        )
    }

    @Test func sendsEverythingAppendedAfterItStartsInOrderWithExternalLabelsAndRelabeling() async throws {
        let dir = try TestSupport.temporaryDirectory()
        let head = Head()
        let persistence = try HeadPersistence(directory: dir + "/data", head: head)
        _ = try persistence.recover()
        append(head, series: 3, from: 1_000, steps: 2)  // before the queue: not sent (as Prometheus)
        let receiver = RecordingReceiver()
        let keep = try RelabelConfig(sourceLabels: ["i"], regex: "0|1", action: .keep)
        let queue = queue(dir, persistence, receiver, external: Labels(["replica": "a", "i": "ignored"])) {
            $0.writeRelabelConfigs = [keep]
        }
        let task = Task { await queue.run() }
        try await Task.sleep(nanoseconds: 200_000_000)
        append(head, series: 3, from: 10_000, steps: 20)
        await waitUntil { receiver.sampleCount >= 40 }
        task.cancel()
        await task.value
        let accepted = receiver.state.withLock { $0.accepted }
        #expect(Set(accepted.keys) == ["__name__=m,i=0,replica=a", "__name__=m,i=1,replica=a"])
        for (key, samples) in accepted {
            let base = key.contains("i=0") ? 0.0 : 1000.0
            let times: [Timestamp] = (0..<20).map { Timestamp(10_000 + $0 * 1000) }
            let values: [Double] = (0..<20).map { base + Double($0) }
            #expect(samples.map(\.t) == times)
            #expect(samples.map(\.v) == values)
        }
        let stats = queue.stats()
        #expect(stats.samplesSent == 40 && stats.samplesDropped == 20 && stats.samplesFailed == 0)
        #expect(stats.highestSentTimestamp == 29_000)
    }

    @Test func anOutageAndARestartDuringItLoseNothing() async throws {
        let dir = try TestSupport.temporaryDirectory()
        let receiver = RecordingReceiver()
        do {
            let head = Head()
            let persistence = try HeadPersistence(directory: dir + "/data", head: head)
            _ = try persistence.recover()
            let queue = queue(dir, persistence, receiver)
            let task = Task { await queue.run() }
            try await Task.sleep(nanoseconds: 200_000_000)
            append(head, series: 5, from: 0, steps: 10)
            await waitUntil { receiver.sampleCount == 50 }
            #expect(receiver.sampleCount == 50)
            receiver.state.withLock { $0.down = true }
            append(head, series: 5, from: 10_000, steps: 10)
            // A checkpoint during the outage: the segments the queue still needs are held.
            _ = try persistence.checkpoint()
            append(head, series: 5, from: 20_000, steps: 10)
            await waitUntil { receiver.state.withLock { $0.refused } >= 3 }
            #expect(queue.stats().samplesRetried > 0)
            // "kill -9": the task stops without sending; nothing is closed cleanly.
            task.cancel()
            await task.value
        }
        // A new process on the same directory, the receiver still down, then back.
        let head = Head()
        let persistence = try HeadPersistence(directory: dir + "/data", head: head)
        _ = try persistence.recover()
        let queue = queue(dir, persistence, receiver)
        let task = Task { await queue.run() }
        append(head, series: 5, from: 30_000, steps: 10)
        try await Task.sleep(nanoseconds: 300_000_000)
        receiver.state.withLock { $0.down = false }
        await waitUntil { receiver.sampleCount >= 200 }
        task.cancel()
        await task.value
        let accepted = receiver.state.withLock { $0.accepted }
        #expect(accepted.count == 5)
        for (_, samples) in accepted {
            // Every sample once, in order (a batch sent just before a crash could repeat; none here).
            let times: [Timestamp] = (0..<40).map { Timestamp($0 * 1000) }
            #expect(samples.map(\.t) == times)
        }
    }

    @Test func staleMarkersAreSentBitForBit() async throws {
        let dir = try TestSupport.temporaryDirectory()
        let head = Head()
        let persistence = try HeadPersistence(directory: dir + "/data", head: head)
        _ = try persistence.recover()
        let receiver = RecordingReceiver()
        let queue = queue(dir, persistence, receiver)
        let task = Task { await queue.run() }
        try await Task.sleep(nanoseconds: 200_000_000)
        var appender = head.appender()
        _ = appender.append(Labels(["__name__": "up"]), t: 1000, v: 1)
        _ = appender.commit()
        _ = appender.append(Labels(["__name__": "up"]), t: 2000, v: StaleNaN.value)
        _ = appender.commit()
        await waitUntil { receiver.sampleCount == 2 }
        task.cancel()
        await task.value
        let values = receiver.state.withLock { $0.accepted["__name__=up"] ?? [] }.map(\.v.bitPattern)
        #expect(values == [Double(1).bitPattern, StaleNaN.bitPattern])
    }

    @Test func nonRecoverableErrorsAreDroppedAndCounted() async throws {
        struct BadRequest: RemoteWriteTransport {
            func post(_ body: [UInt8], timeoutMillis: Int64) async throws -> RemoteWriteResponse {
                RemoteWriteResponse(status: 400, body: Array("out of order sample\n".utf8))
            }
        }
        let dir = try TestSupport.temporaryDirectory()
        let head = Head()
        let persistence = try HeadPersistence(directory: dir + "/data", head: head)
        _ = try persistence.recover()
        let queue = RemoteWriteQueue(
            config: config(),
            externalLabels: .empty,
            walDirectory: persistence.walPath,
            progressPath: dir + "/progress",
            persistence: persistence,
            transport: BadRequest(),
            log: { _ in }
        )
        let task = Task { await queue.run() }
        try await Task.sleep(nanoseconds: 200_000_000)
        append(head, series: 2, from: 0, steps: 5)
        await waitUntil { queue.stats().samplesFailed == 10 }
        task.cancel()
        await task.value
        #expect(
            queue.stats().samplesFailed == 10 && queue.stats().samplesSent == 0 && queue.stats().samplesRetried == 0
        )
    }
}
