import KlaxonModel
import KlaxonStorage
import Testing

@testable import KlaxonPromQL

// The allocation-free grouping of aggregations and histogram_quantile (GroupKeyer/GroupTable), checked against
// label sets built the plain way, and the engine on a KlaxonStorage.Head (the read path the daemon uses).

private func labels(_ pairs: [String: String]) -> Labels { Labels(pairs) }

@Suite struct EngineGroupingTests {
    @Test func byKeepsOnlyListedNamesAndIgnoresAbsentOnes() {
        let keyer = GroupKeyer(names: ["job", "zone", "job"], without: false)
        #expect(keyer.names == ["job", "zone"])
        let a = labels(["__name__": "x", "job": "api", "instance": "1"])
        let b = labels(["__name__": "y", "job": "api", "instance": "2"])
        let c = labels(["__name__": "x", "job": "db"])
        let d = labels(["__name__": "x", "job": "api", "zone": "eu"])
        #expect(keyer.key(a) == labels(["job": "api"]))
        #expect(keyer.hash(a) == keyer.hash(b))
        #expect(keyer.matches(b, key: keyer.key(a)))
        #expect(!keyer.matches(c, key: keyer.key(a)))
        // A label present on one side only makes a different group.
        #expect(!keyer.matches(d, key: keyer.key(a)))
        #expect(!keyer.matches(a, key: keyer.key(d)))
    }

    @Test func withoutDropsListedNames() {
        let keyer = GroupKeyer(names: ["instance", LabelName.metricName], without: true)
        let a = labels(["__name__": "x", "job": "api", "instance": "1"])
        let b = labels(["__name__": "y", "job": "api", "instance": "2"])
        let c = labels(["__name__": "x", "job": "api", "instance": "1", "extra": "e"])
        #expect(keyer.key(a) == labels(["job": "api"]))
        #expect(keyer.matches(b, key: keyer.key(a)))
        #expect(!keyer.matches(c, key: keyer.key(a)))
        #expect(keyer.key(c) == labels(["job": "api", "extra": "e"]))
    }

    @Test func emptyByIsOneGroup() {
        let keyer = GroupKeyer(names: [String](), without: false)
        var table = GroupTable(keyer: keyer)
        #expect(table.group(of: labels(["a": "1"])) == (0, true))
        #expect(table.group(of: labels(["b": "2"])) == (0, false))
        #expect(table.keys == [Labels.empty])
    }

    /// Thousands of series (forcing the table to grow) grouped the same way as a dictionary of built keys.
    @Test func tableAgreesWithDictionaryOfBuiltKeys() {
        for (names, without) in [(["job", "le"], false), (["instance"], true), (["le", LabelName.metricName], true)] {
            let keyer = GroupKeyer(names: names, without: without)
            var table = GroupTable(keyer: keyer)
            var reference: [Labels: Int] = [:]
            for i in 0..<5000 {
                let series = labels([
                    "__name__": i % 3 == 0 ? "a" : "b", "job": "j\(i % 7)", "instance": "i\(i % 101)",
                    "le": "\(i % 12)",
                ])
                let (group, isNew) = table.group(of: series)
                let key = without ? series.removing(Set(names)) : series.keeping(Set(names))
                if let expected = reference[key] {
                    #expect(group == expected && !isNew)
                } else {
                    #expect(isNew && group == reference.count)
                    reference[key] = group
                }
                #expect(table.keys[group] == key)
            }
            #expect(table.count == reference.count)
        }
    }

    @Test func sumByAndHistogramQuantileOnHead() throws {
        let head = Head()
        var appender = head.appender()
        let bounds = ["0.1", "0.5", "+Inf"]
        for step in 0...20 {
            let t = Int64(step) * 15 * Time.second
            for job in ["a", "b"] {
                for instance in 0..<3 {
                    // Cumulative buckets growing by 1, 3, 4 per step: 25% under 0.1, 75% under 0.5.
                    for (i, le) in bounds.enumerated() {
                        let perStep = [1.0, 3.0, 4.0][i]
                        let series: Labels = [
                            "__name__": "lat_bucket", "job": job, "instance": "\(instance)", "le": le,
                        ]
                        appender.append(series, t: t, v: perStep * Double(step))
                    }
                    let counter: Labels = ["__name__": "req_total", "job": job, "instance": "\(instance)"]
                    appender.append(counter, t: t, v: Double(step * (job == "a" ? 15 : 30)))
                }
            }
            appender.commit()
        }
        let engine = Engine()
        let at = 20 * 15 * Time.second
        let sum = try engine.instantQuery(parseExpr("sum by (job) (rate(req_total[2m]))"), at: at, on: head)
        guard case .vector(let sums) = sum else {
            Issue.record("not a vector")
            return
        }
        var byJob: [String: Double] = [:]
        for s in sums { byJob[s.labels["job"]] = s.v }
        #expect(sums.count == 2)
        #expect(abs((byJob["a"] ?? 0) - 3) < 1e-9)
        #expect(abs((byJob["b"] ?? 0) - 6) < 1e-9)
        #expect(sums.allSatisfy { $0.labels.count == 1 })

        let q = try engine.instantQuery(
            parseExpr("histogram_quantile(0.5, sum by (le, job) (rate(lat_bucket[2m])))"),
            at: at,
            on: head
        )
        guard case .vector(let quantiles) = q else {
            Issue.record("not a vector")
            return
        }
        #expect(quantiles.count == 2)
        for s in quantiles {
            #expect(s.labels.count == 1)
            // rank 2 of 4 per step lies in (0.1, 0.5]: 0.1 + 0.4 * (2 - 1) / (3 - 1) = 0.3
            #expect(abs(s.v - 0.3) < 1e-9)
        }
    }

    @Test func staleMarkersStayOutOfRangeWindowsButEndLookback() throws {
        let head = Head()
        var appender = head.appender()
        let series: Labels = ["__name__": "g", "job": "x"]
        for step in 0...10 {
            let v = step == 6 ? StaleNaN.value : Double(step)
            appender.append(series, t: Int64(step) * 15 * Time.second, v: v)
            appender.commit()
        }
        let engine = Engine()
        // Window (30 s, 150 s]: samples 3,4,5,(stale),7,8,9,10 -> the marker is skipped.
        let avg = try engine.instantQuery(parseExpr("avg_over_time(g[2m])"), at: 150 * Time.second, on: head)
        guard case .vector(let out) = avg, let first = out.first else {
            Issue.record("no result")
            return
        }
        #expect(abs(first.v - Double(3 + 4 + 5 + 7 + 8 + 9 + 10) / 7) < 1e-12)
        // At 90 s the newest sample is the marker: the instant selector returns nothing.
        let instant = try engine.instantQuery(parseExpr("g"), at: 90 * Time.second, on: head)
        #expect(instant == .vector([]))
    }

    /// `Head.selectFlat` (the engine's read path) returns what `select` returns, as slices of two flat arrays;
    /// so does the protocol's default (MemoryQueryable).
    @Test func flatSelectionMatchesSelect() {
        let head = Head(options: HeadOptions(samplesPerChunk: 8))
        var memory = MemoryQueryable()
        var appender = head.appender()
        for step in 0..<50 {
            let t = Int64(step) * 15 * Time.second
            for s in 0..<20 where (s + step) % 7 != 0 {
                let series: Labels = ["__name__": "m", "s": "\(s)", "odd": s % 2 == 0 ? "no" : "yes"]
                let v = step == 30 && s == 3 ? StaleNaN.value : Double(step * s)
                appender.append(series, t: t, v: v)
                memory.append(series, t: t, v: v)
            }
            appender.commit()
        }
        let matchers = [LabelMatcher.equal(LabelName.metricName, "m"), LabelMatcher.equal("odd", "yes")]
        // (104 s, 106 s) holds only step 7, which series 0, 7, 14 skip: their chunks overlap the range without a
        // sample in it, so they are left out while the others are kept; (100 s, 104 s) falls between two steps.
        let ranges: [(Int64, Int64)] = [
            (0, 49 * 15_000), (100_000, 400_000), (700_000, 800_000), (5, 4), (104_000, 106_000), (100_000, 104_000),
        ]
        for (mint, maxt) in ranges {
            for source in [0, 1] {
                let plain =
                    source == 0
                    ? head.select(matchers, mint: mint, maxt: maxt) : memory.select(matchers, mint: mint, maxt: maxt)
                let flat =
                    source == 0
                    ? head.selectFlat(matchers, mint: mint, maxt: maxt)
                    : memory.selectFlat(matchers, mint: mint, maxt: maxt)
                #expect(flat.count == plain.count)
                #expect(flat.ranges.count == flat.labels.count)
                for (i, s) in plain.enumerated() where i < flat.count {
                    #expect(flat.labels[i] == s.labels)
                    #expect(Array(flat.timestamps[flat.ranges[i]]) == s.timestamps)
                    #expect(Array(flat.values[flat.ranges[i]]).map(\.bitPattern) == s.values.map(\.bitPattern))
                }
            }
        }
        #expect(head.selectFlat(matchers, mint: 0, maxt: 100_000).count == 10)
        // Odd series 1...19 minus 7 (skips step 7) have the sample at 105 s; nothing lies between 100 s and 104 s.
        #expect(head.selectFlat(matchers, mint: 104_000, maxt: 106_000).count == 9)
        #expect(head.selectFlat(matchers, mint: 100_000, maxt: 104_000).count == 0)
    }
}
