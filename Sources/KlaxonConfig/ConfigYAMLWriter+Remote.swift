import KlaxonModel

extension ConfigYAMLWriter {
    /// One `remote_write` entry as yaml.v2 marshals 2.42's `RemoteWriteConfig`: `lead` prefixes the first line (`- `
    /// in the list, "" at the top level), `indent` the others.
    package static func render(
        _ config: RemoteWriteConfig,
        indent: String,
        lead: String,
        directory: String,
        into out: inout String
    ) {
        var lead = lead
        func line(_ text: String) {
            out += lead + text + "\n"
            lead = indent
        }
        endpoint(config.url, config.remoteTimeout, config.headers, indent: indent, lead: &lead, into: &out)
        if !config.writeRelabelConfigs.isEmpty {
            line("write_relabel_configs:")
            relabel(config.writeRelabelConfigs, indent: indent, into: &out)
        }
        if !config.name.isEmpty { line("name: \(scalar(config.name))") }
        if config.sendExemplars { line("send_exemplars: true") }
        if config.sendNativeHistograms { line("send_native_histograms: true") }
        http(config.http, indent: indent, lead: &lead, directory: directory, into: &out)
        let queue = config.queue
        let queueFields: [(String, String?)] = [
            ("capacity", queue.capacity == 0 ? nil : String(queue.capacity)),
            ("max_shards", queue.maxShards == 0 ? nil : String(queue.maxShards)),
            ("min_shards", queue.minShards == 0 ? nil : String(queue.minShards)),
            ("max_samples_per_send", queue.maxSamplesPerSend == 0 ? nil : String(queue.maxSamplesPerSend)),
            ("batch_send_deadline", queue.batchSendDeadline == 0 ? nil : duration(queue.batchSendDeadline)),
            ("min_backoff", queue.minBackoff == 0 ? nil : duration(queue.minBackoff)),
            ("max_backoff", queue.maxBackoff == 0 ? nil : duration(queue.maxBackoff)),
            ("retry_on_http_429", queue.retryOnRateLimit ? "true" : nil),
        ]
        // Every field has omitempty, and so has the struct: a zero queue config is left out.
        if queueFields.contains(where: { $0.1 != nil }) {
            line("queue_config:")
            for case (let name, let value?) in queueFields { out += "\(indent)  \(name): \(value)\n" }
        }
        let metadata = config.metadata
        if metadata.send || metadata.sendInterval != 0 || metadata.maxSamplesPerSend != 0 {
            line("metadata_config:")
            out += "\(indent)  send: \(metadata.send)\n"
            out += "\(indent)  send_interval: \(duration(metadata.sendInterval))\n"
            if metadata.maxSamplesPerSend != 0 {
                out += "\(indent)  max_samples_per_send: \(metadata.maxSamplesPerSend)\n"
            }
        }
        if let sigV4 = config.sigV4 {
            let fields: [(String, String)] = [
                ("region", scalar(sigV4.region)), ("access_key", scalar(sigV4.accessKey)),
                ("secret_key", "<secret>"), ("profile", scalar(sigV4.profile)), ("role_arn", scalar(sigV4.roleARN)),
            ]
            let written = [sigV4.region, sigV4.accessKey, sigV4.secretKey, sigV4.profile, sigV4.roleARN]
            if written.allSatisfy(\.isEmpty) {
                line("sigv4: {}")
            } else {
                line("sigv4:")
                for (field, text) in zip(fields, written) where !text.isEmpty {
                    out += "\(indent)  \(field.0): \(field.1)\n"
                }
            }
        }
    }

    /// One `remote_read` entry (2.42's `RemoteReadConfig`), as the `remote_write` one.
    package static func render(
        _ config: RemoteReadConfig,
        indent: String,
        lead: String,
        directory: String,
        into out: inout String
    ) {
        var lead = lead
        func line(_ text: String) {
            out += lead + text + "\n"
            lead = indent
        }
        endpoint(config.url, config.remoteTimeout, config.headers, indent: indent, lead: &lead, into: &out)
        if config.readRecent { line("read_recent: true") }
        if !config.name.isEmpty { line("name: \(scalar(config.name))") }
        http(config.http, indent: indent, lead: &lead, directory: directory, into: &out)
        if !config.requiredMatchers.isEmpty {
            line("required_matchers:")
            for (name, value) in sortedMap(config.requiredMatchers.map { ($0.name, $0.value) }) {
                out += "\(indent)  \(scalar(name)): \(scalar(value))\n"
            }
        }
        if config.filterExternalLabels { line("filter_external_labels: true") }
    }

    /// The hex MD5 of the entry marshalled on its own (`toHash` in 2.42's storage/remote): what Prometheus names an
    /// unnamed queue by (its first 6 digits) and how it spots duplicate entries. Secrets count as `<secret>`.
    package static func hash(of config: RemoteWriteConfig, directory: String) -> String {
        var text = ""
        render(config, indent: "", lead: "", directory: directory, into: &text)
        return hex(MD5.digest(Array(text.utf8)))
    }

    package static func hash(of config: RemoteReadConfig, directory: String) -> String {
        var text = ""
        render(config, indent: "", lead: "", directory: directory, into: &text)
        return hex(MD5.digest(Array(text.utf8)))
    }

    static func hashName(of config: RemoteWriteConfig, directory: String) -> String {
        String(hash(of: config, directory: directory).prefix(6))
    }

    static func hashName(of config: RemoteReadConfig, directory: String) -> String {
        String(hash(of: config, directory: directory).prefix(6))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }

    /// A Go map's entries in the order yaml.v2 marshals them.
    static func sortedMap<Value>(_ entries: [(String, Value)]) -> [(String, Value)] {
        entries.sorted { yamlKeyLess($0.0, $1.0) }
    }

    /// yaml.v2's `keyList.Less` for string keys: letters after other characters, runs of digits compared as
    /// numbers (`a2` before `a10`), otherwise by code point.
    static func yamlKeyLess(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars)
        let br = Array(b.unicodeScalars)
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
            default: false
            }
        }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .decimalNumber }
        let zero = Unicode.Scalar(UInt8(ascii: "0"))
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = isLetter(ar[i])
            let bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0
            var bn: Int64 = 0
            if ar[i] == zero || br[i] == zero {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != zero {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ Int64(ar[ai].value) &- 48
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ Int64(br[bi].value) &- 48
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// The fields both kinds of entry start with: `url`, `remote_timeout`, `headers`.
    private static func endpoint(
        _ url: String,
        _ remoteTimeout: Int64,
        _ headers: [(name: String, value: String)],
        indent: String,
        lead: inout String,
        into out: inout String
    ) {
        out += lead + "url: \(scalar(redactedURL(url)))\n"
        lead = indent
        if remoteTimeout != 0 { out += indent + "remote_timeout: \(duration(remoteTimeout))\n" }
        if !headers.isEmpty {
            out += indent + "headers:\n"
            for (name, value) in sortedMap(headers.map { ($0.name, $0.value) }) {
                out += "\(indent)  \(scalar(name)): \(scalar(value))\n"
            }
        }
    }
}
