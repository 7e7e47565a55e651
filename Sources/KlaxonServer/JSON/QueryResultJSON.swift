import KlaxonModel
import KlaxonPromQL

extension JSONWriter {
    /// `{"status":"success","data":` — the caller writes the data and then `endSuccess()`.
    mutating func beginSuccess() {
        beginObject()
        key("status")
        string("success")
        key("data")
    }

    mutating func endSuccess() {
        endObject()
    }

    /// A query result as `/api/v1/query` writes it: `{"resultType":…,"result":…}`.
    mutating func queryResult(_ value: QueryValue) {
        beginObject()
        key("resultType")
        switch value {
        case .scalar(let t, let v):
            string("scalar")
            key("result")
            beginArray()
            goJSONFloat(Double(t) / 1000)
            string(scalarText(v))
            endArray()
        case .string(let t, let s):
            string("string")
            key("result")
            beginArray()
            goJSONFloat(Double(t) / 1000)
            string(s)
            endArray()
        case .vector(let samples):
            string("vector")
            key("result")
            beginArray()
            for sample in samples {
                beginObject()
                key("metric")
                labels(sample.labels)
                key("value")
                point(sample.t, sample.v)
                endObject()
            }
            endArray()
        case .matrix(let series):
            string("matrix")
            key("result")
            beginArray()
            for s in series {
                beginObject()
                key("metric")
                labels(s.labels)
                key("values")
                beginArray()
                for sample in s.samples { point(sample.t, sample.v) }
                endArray()
                endObject()
            }
            endArray()
        }
        endObject()
    }

    /// A scalar's value: `strconv.FormatFloat(v, 'f', -1, 64)`.
    private func scalarText(_ v: Double) -> String {
        var out: [UInt8] = []
        GoNumber.appendFixed(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
