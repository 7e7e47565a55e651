import KlaxonModel
import KlaxonStorage
import KlaxonWire
import SwiftProtobuf
import Testing

@testable import KlaxonRemote

@Suite struct RemoteWriteReceiverTests {
    func body(_ series: [TestSeries]) throws -> [UInt8] {
        Snappy.compress(try writeRequest(series).serializedBytes())
    }

    @Test func storesEverySampleAndAnswers204() throws {
        let head = Head()
        let outcome = RemoteWriteReceiver.receive(
            try body([
                ([("__name__", "up"), ("job", "agent")], [(1000, 1), (2000, 0)]),
                ([("__name__", "temp.celsius"), ("room", "b")], [(1500, 21.5)]),
            ]),
            into: head
        )
        #expect(outcome.status == 204 && outcome.message.isEmpty && outcome.samplesAppended == 3)
        let up = head.select([.equal("__name__", "up")], mint: 0, maxt: 10_000)
        #expect(up.count == 1 && up.first?.timestamps == [1000, 2000] && up.first?.values == [1, 0])
        // UTF-8 names are stored as sent (Prometheus 3.x accepts them).
        #expect(head.select([.equal("__name__", "temp.celsius")], mint: 0, maxt: 10_000).count == 1)
    }

    @Test func badBodiesAre400WithTheReasonAndStoreNothing() throws {
        let head = Head()
        let notSnappy = RemoteWriteReceiver.receive(Array("hello".utf8), into: head)
        #expect(notSnappy.status == 400 && notSnappy.message.hasPrefix("snappy: corrupt input"))
        let notProtobuf = RemoteWriteReceiver.receive(Snappy.compress([0xff, 0xff, 0xff]), into: head)
        #expect(notProtobuf.status == 400 && notProtobuf.message.hasPrefix("proto: "))
        let bomb = RemoteWriteReceiver.receive(
            Snappy.compress([UInt8](repeating: 0, count: 4096)),
            into: head,
            maxDecodedBytes: 1024
        )
        #expect(bomb.status == 400 && bomb.message.contains("exceeds the limit"))
        let empty = RemoteWriteReceiver.receive(try body([([], [(1, 1)])]), into: head)
        #expect(empty.status == 400)
        #expect(head.stats().seriesCount == 0)
    }

    @Test func outOfOrderAndDuplicateSamplesAre400ButTheRestIsKept() throws {
        let head = Head()
        _ = RemoteWriteReceiver.receive(try body([([("__name__", "a")], [(5000, 1)])]), into: head)
        let outcome = RemoteWriteReceiver.receive(
            try body([
                ([("__name__", "a")], [(4000, 9)]),  // before the newest sample: out of order
                ([("__name__", "b")], [(4000, 2)]),  // a new series: kept
            ]),
            into: head
        )
        #expect(outcome.status == 400 && outcome.message == "out of order sample\n")
        #expect(outcome.outOfOrder == 1 && outcome.samplesAppended == 1)
        let duplicate = RemoteWriteReceiver.receive(try body([([("__name__", "a")], [(5000, 2)])]), into: head)
        #expect(duplicate.status == 400 && duplicate.message == "duplicate sample for timestamp\n")
        // The same sample again (a sender's retry after a lost answer) is accepted.
        let retry = RemoteWriteReceiver.receive(try body([([("__name__", "a")], [(5000, 1)])]), into: head)
        #expect(retry.status == 204)
    }
}
