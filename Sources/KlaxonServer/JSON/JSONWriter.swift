import KlaxonModel

/// A small append-only JSON writer over a byte buffer, escaping strings as Go's `encoding/json` (and jsoniter's
/// standard-library-compatible config) does: `<`, `>`, `&`, U+2028 and U+2029 become `\u003c`… and control bytes
/// `\u00XX` (except `\n`, `\r`, `\t`).
///
/// Commas are the caller's business through `comma()`/`key(_:)`, which insert one after the first element of the
/// current object or array: call `beginObject()`/`beginArray()` and `end…()` in pairs.
struct JSONWriter {
    private(set) var bytes: [UInt8]
    /// One flag per open container: whether it already holds an element.
    private var nonEmpty: [Bool] = []

    init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: structure

    mutating func beginObject() {
        separator()
        bytes.append(UInt8(ascii: "{"))
        nonEmpty.append(false)
    }

    mutating func endObject() {
        nonEmpty.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        separator()
        bytes.append(UInt8(ascii: "["))
        nonEmpty.append(false)
    }

    mutating func endArray() {
        nonEmpty.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"name":`; the next value written is its value.
    mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        suppressNextSeparator = true
    }

    /// Writes `"<escaped name>":` for a dynamic key.
    mutating func key(_ name: String) {
        separator()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        suppressNextSeparator = true
    }

    private var suppressNextSeparator = false

    /// Emits the comma before an element when the enclosing container already has one.
    private mutating func separator() {
        if suppressNextSeparator {
            suppressNextSeparator = false
            return
        }
        guard let last = nonEmpty.indices.last else { return }
        if nonEmpty[last] { bytes.append(UInt8(ascii: ",")) } else { nonEmpty[last] = true }
    }

    // MARK: values

    mutating func string(_ value: String) {
        separator()
        appendEscaped(value)
    }

    mutating func string(_ value: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func bool(_ value: Bool) {
        separator()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    mutating func int(_ value: Int64) {
        separator()
        GoNumber.appendInt(value, to: &bytes)
    }

    mutating func null() {
        separator()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    /// A float as Go's `encoding/json` writes a `float64` (durations, evaluation times, scalar timestamps).
    mutating func goJSONFloat(_ value: Double) {
        separator()
        GoNumber.appendJSONFloat(value, to: &bytes)
    }

    /// A sample value as Prometheus writes it in vectors and matrices: a quoted float, `"+Inf"`, `"NaN"`.
    mutating func sampleValue(_ value: Double) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        GoNumber.appendSampleValue(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A point timestamp as Prometheus writes it in vectors and matrices: seconds, `.` and the three millisecond
    /// digits when they are not all zero (`1.500`, `-1.050`).
    mutating func pointTimestamp(_ t: Timestamp) {
        separator()
        GoNumber.appendPointTimestamp(t, to: &bytes)
    }

    /// One `[<point timestamp>,"<sample value>"]` pair, without the container bookkeeping of `beginArray()`.
    mutating func point(_ t: Timestamp, _ v: Double) {
        separator()
        bytes.append(UInt8(ascii: "["))
        GoNumber.appendPointTimestamp(t, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        bytes.append(UInt8(ascii: "\""))
        GoNumber.appendSampleValue(v, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: "]"))
    }

    /// Go's `time.Time` in JSON (RFC 3339 with trimmed nanoseconds, UTC); `nil` is Go's zero time.
    mutating func time(_ t: Timestamp?) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        if let t {
            bytes.append(contentsOf: Time.rfc3339(milliseconds: t).utf8)
        } else {
            bytes.append(contentsOf: "0001-01-01T00:00:00Z".utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A label set as a JSON object, in the set's (sorted) order.
    mutating func labels(_ labels: Labels) {
        beginObject()
        for label in labels {
            key(label.name)
            string(label.value)
        }
        endObject()
    }

    /// Pre-encoded JSON (trusted to be valid).
    mutating func raw(_ json: [UInt8]) {
        separator()
        bytes.append(contentsOf: json)
    }

    private mutating func appendEscaped(_ value: String) {
        GoJSON.appendString(value, to: &bytes)
    }
}
