import KlaxonModel
import Testing

@testable import KlaxonConfig

/// `remote_write` and `remote_read` as Prometheus 2.42 loads them: defaults, every field, and every check with its
/// message (the same messages `promtool check config` printed for the KlaxonCheckTests fixtures `remote-*`).
struct RemoteConfigLoaderTests {
    func load(_ yaml: String, file: String = "prometheus.yml") throws -> PrometheusConfig {
        try PrometheusConfigLoader.parse(yaml, file: file)
    }

    func error(_ yaml: String) -> String? {
        do {
            _ = try PrometheusConfigLoader.parse(yaml, file: "prometheus.yml")
            return nil
        } catch {
            return error.message
        }
    }

    // MARK: defaults

    @Test func remoteWriteDefaults() throws {
        let config = try load("remote_write:\n- url: http://remote/write\n")
        let write = try #require(config.remoteWriteConfigs.first)
        #expect(write.url == "http://remote/write")
        #expect(write.endpoint == "http://remote/write")
        #expect(write.name == "")
        #expect(write.remoteTimeout == 30_000)
        #expect(write.headers.isEmpty)
        #expect(write.writeRelabelConfigs.isEmpty)
        #expect(write.http == HTTPClientConfig())
        #expect(write.queue == QueueConfig())
        #expect(write.queue.capacity == 2500)
        #expect(write.queue.maxShards == 200)
        #expect(write.queue.minShards == 1)
        #expect(write.queue.maxSamplesPerSend == 500)
        #expect(write.queue.batchSendDeadline == 5_000)
        #expect(write.queue.minBackoff == 30)
        #expect(write.queue.maxBackoff == 5_000)
        #expect(!write.queue.retryOnRateLimit)
        #expect(write.metadata == MetadataConfig())
        #expect(write.metadata.send)
        #expect(write.metadata.sendInterval == 60_000)
        #expect(write.metadata.maxSamplesPerSend == 500)
        #expect(!write.sendExemplars)
        #expect(!write.sendNativeHistograms)
        #expect(write.sigV4 == nil)
        #expect(write.queueName.count == 6)
        #expect(write.queueName.allSatisfy { $0.isHexDigit })
    }

    @Test func remoteReadDefaults() throws {
        let config = try load("remote_read:\n- url: http://remote/read\n")
        let read = try #require(config.remoteReadConfigs.first)
        #expect(read.url == "http://remote/read")
        #expect(read.remoteTimeout == 60_000)
        #expect(read.headers.isEmpty)
        #expect(read.requiredMatchers.isEmpty)
        #expect(!read.readRecent)
        #expect(read.filterExternalLabels)
        #expect(read.http == HTTPClientConfig())
        #expect(read.queueName.count == 6)
    }

    @Test func noRemoteSections() throws {
        let config = try load("global: {scrape_interval: 1m}\nremote_write: []\nremote_read:\n")
        #expect(config.remoteWriteConfigs.isEmpty)
        #expect(config.remoteReadConfigs.isEmpty)
        #expect(!config.redactedYAML.contains("remote_"))
    }

    // MARK: every field

    @Test func everyRemoteWriteField() throws {
        let config = try load(
            """
            remote_write:
            - url: http://user:pass@remote:9/api/v1/write?x=1
              remote_timeout: 10s
              headers: {X-B: b, X-A: a}
              write_relabel_configs:
              - source_labels: [__name__]
                regex: up
                action: keep
              name: full
              send_exemplars: true
              send_native_histograms: true
              basic_auth: {username: u, password: p}
              tls_config: {ca_file: ca.pem, cert_file: c.pem, key_file: k.pem, server_name: s,
                           insecure_skip_verify: true, min_version: TLS12, max_version: TLS13}
              proxy_url: http://proxy:3128
              proxy_connect_header: {X-P: [a, b]}
              follow_redirects: false
              enable_http2: false
              queue_config: {capacity: 100, max_shards: 10, min_shards: 2, max_samples_per_send: 50,
                             batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 10s, retry_on_http_429: true}
              metadata_config: {send: false, send_interval: 2m, max_samples_per_send: 20}
            """
        )
        let write = try #require(config.remoteWriteConfigs.first)
        #expect(write.url == "http://user:pass@remote:9/api/v1/write?x=1")
        #expect(write.endpoint == "http://user:xxxxx@remote:9/api/v1/write?x=1")
        #expect(write.remoteTimeout == 10_000)
        #expect(write.headers.map(\.name) == ["X-B", "X-A"])
        #expect(write.headers.map(\.value) == ["b", "a"])
        #expect(write.writeRelabelConfigs.count == 1)
        #expect(write.writeRelabelConfigs.first?.action == .keep)
        #expect(write.name == "full")
        #expect(write.queueName == "full")
        #expect(write.sendExemplars)
        #expect(write.sendNativeHistograms)
        #expect(write.http.basicAuth == HTTPClientConfig.BasicAuth(username: "u", password: .inline("p")))
        #expect(write.http.tls.caFile == "ca.pem")
        #expect(write.http.tls.certFile == "c.pem")
        #expect(write.http.tls.keyFile == "k.pem")
        #expect(write.http.tls.serverName == "s")
        #expect(write.http.tls.insecureSkipVerify)
        #expect(write.http.tls.minVersion == 771)
        #expect(write.http.tls.maxVersion == 772)
        #expect(write.http.proxyURL == "http://proxy:3128")
        #expect(write.http.proxyConnectHeader == ["X-P": ["a", "b"]])
        #expect(!write.http.followRedirects)
        #expect(!write.http.enableHTTP2)
        var queue = QueueConfig()
        queue.capacity = 100
        queue.maxShards = 10
        queue.minShards = 2
        queue.maxSamplesPerSend = 50
        queue.batchSendDeadline = 1_000
        queue.minBackoff = 100
        queue.maxBackoff = 10_000
        queue.retryOnRateLimit = true
        #expect(write.queue == queue)
        #expect(!write.metadata.send)
        #expect(write.metadata.sendInterval == 120_000)
        #expect(write.metadata.maxSamplesPerSend == 20)
    }

    @Test func oauth2AndSigV4() throws {
        let config = try load(
            """
            remote_write:
            - url: http://remote/a
              oauth2:
                client_id: id
                client_secret: sec
                scopes: [a, b]
                token_url: http://t/token
                endpoint_params: {z: 1, a: 2}
                proxy_url: http://p2/
                tls_config: {ca_file: ca.pem}
            - url: http://remote/b
              oauth2: {client_id: id, client_secret_file: secret, token_url: t}
            - url: http://remote/c
              sigv4: {region: eu, access_key: ak, secret_key: sk, profile: pr, role_arn: arn}
            """
        )
        let oauth = try #require(config.remoteWriteConfigs[0].http.oauth2)
        #expect(oauth.clientID == "id")
        #expect(oauth.clientSecret == .inline("sec"))
        #expect(oauth.scopes == ["a", "b"])
        #expect(oauth.tokenURL == "http://t/token")
        #expect(oauth.endpointParams == ["z": "1", "a": "2"])
        #expect(oauth.proxyURL == "http://p2/")
        #expect(oauth.tls.caFile == "ca.pem")
        #expect(config.remoteWriteConfigs[1].http.oauth2?.clientSecret == .file("secret"))
        let sigV4 = try #require(config.remoteWriteConfigs[2].sigV4)
        #expect(sigV4.region == "eu")
        #expect(sigV4.accessKey == "ak")
        #expect(sigV4.secretKey == "sk")
        #expect(sigV4.profile == "pr")
        #expect(sigV4.roleARN == "arn")
        #expect(!config.redactedYAML.contains("sk\n"))
        #expect(!config.redactedYAML.contains("sec\n"))
    }

    @Test func everyRemoteReadField() throws {
        let config = try load(
            """
            remote_read:
            - url: http://u:p@remote/read
              name: rr
              remote_timeout: 5s
              headers: {X-H: v}
              read_recent: true
              required_matchers: {job: x, a: b}
              filter_external_labels: false
              bearer_token: tok
            """
        )
        let read = try #require(config.remoteReadConfigs.first)
        #expect(read.url == "http://u:p@remote/read")
        #expect(read.name == "rr")
        #expect(read.queueName == "rr")
        #expect(read.remoteTimeout == 5_000)
        #expect(read.headers.map(\.name) == ["X-H"])
        #expect(read.readRecent)
        #expect(read.requiredMatchers == ["a": "b", "job": "x"])
        #expect(!read.filterExternalLabels)
        #expect(read.http.authorization == HTTPClientConfig.Authorization(type: "Bearer", credentials: .inline("tok")))
        #expect(config.redactedYAML.contains("- url: http://u:xxxxx@remote/read\n"))
    }

    /// A null field resets it to Go's zero value (yaml.v2 does not call the unmarshaler for null); `{}` keeps the
    /// defaults.
    @Test func nullFieldsAreZero() throws {
        let config = try load(
            """
            remote_write:
            - url: http://a/
              queue_config:
              metadata_config:
              remote_timeout:
              sigv4:
              oauth2:
              follow_redirects:
            - url: http://b/
              queue_config: {}
              metadata_config: {}
            remote_read:
            - url: http://c/
              filter_external_labels:
            """
        )
        let nulls = config.remoteWriteConfigs[0]
        #expect(nulls.queue.capacity == 0 && nulls.queue.maxShards == 0 && nulls.queue.minBackoff == 0)
        #expect(!nulls.metadata.send && nulls.metadata.sendInterval == 0)
        #expect(nulls.remoteTimeout == 0)
        #expect(nulls.sigV4 == nil)
        #expect(nulls.http.oauth2 == nil)
        #expect(!nulls.http.followRedirects)
        #expect(config.remoteWriteConfigs[1].queue == QueueConfig())
        #expect(config.remoteWriteConfigs[1].metadata == MetadataConfig())
        #expect(!config.remoteReadConfigs[0].filterExternalLabels)
    }

    @Test func numbersAndBooleansAsYAMLv2ReadsThem() throws {
        let config = try load(
            """
            remote_write:
            - url: http://a/
              queue_config: {capacity: 1e3, max_shards: 0x10, min_shards: 1_0, max_samples_per_send: 077,
                             retry_on_http_429: yes}
              metadata_config: {send: off, max_samples_per_send: 1.9}
              send_exemplars: on
            """
        )
        let write = config.remoteWriteConfigs[0]
        #expect(write.queue.capacity == 1000)
        #expect(write.queue.maxShards == 16)
        #expect(write.queue.minShards == 10)
        #expect(write.queue.maxSamplesPerSend == 63)
        #expect(write.queue.retryOnRateLimit)
        #expect(!write.metadata.send)
        #expect(write.metadata.maxSamplesPerSend == 1)
        #expect(write.sendExemplars)
    }

    @Test func urlsAreKeptInGoNormalForm() throws {
        let config = try load(
            """
            remote_write:
            - url: "HTTP://User@h:5/%41x%2fy"
            - url: "http://h/b c?q=a b#f g"
            - url: ""
            """
        )
        #expect(config.remoteWriteConfigs.map(\.url) == ["http://User@h:5/%41x%2fy", "http://h/b%20c?q=a b#f%20g", ""])
    }

    // MARK: checks

    static let errors: [(String, String)] = [
        ("remote_write:\n- name: x\n", "url for remote_write is empty"),
        ("remote_write:\n- url:\n", "url for remote_write is empty"),
        ("remote_read:\n- name: x\n", "url for remote_read is empty"),
        ("remote_write:\n- url: http://a/\n- null\n", "empty or null remote write config section"),
        ("remote_read:\n- ~\n", "empty or null remote read config section"),
        (
            "remote_write:\n- url: http://a/\n  write_relabel_configs:\n  - null\n",
            "empty or null relabeling rule in remote write config"
        ),
        (
            "remote_write:\n- {url: http://a/, name: q}\n- {url: http://b/}\n- {url: http://c/, name: q}\n",
            #"found multiple remote write configs with job name "q""#
        ),
        (
            "remote_read:\n- {url: http://a/, name: q}\n- {url: http://b/, name: q}\n",
            #"found multiple remote read configs with job name "q""#
        ),
        (
            "scrape_configs:\n- job_name: a\n- job_name: a\nremote_write:\n- null\n",
            #"found multiple scrape configs with job name "a""#
        ),
        (
            "remote_write:\n- {url: http://a/, name: n}\n- {url: http://b/, name: n}\nremote_read:\n- null\n",
            #"found multiple remote write configs with job name "n""#
        ),
        (
            "remote_write:\n- url: http://a/\n  headers: {AuthoriZation: x}\n",
            "authorization header must be changed via the basic_auth, authorization, oauth2, or sigv4 parameter"
        ),
        (
            "remote_write:\n- url: http://a/\n  headers: {X-Custom: ok, Content-Type: x}\n",
            "Content-Type is a reserved header. It must not be changed"
        ),
        (
            "remote_read:\n- url: http://a/\n  headers: {X-Prometheus-Remote-Read-Version: x}\n",
            "X-Prometheus-Remote-Read-Version is a reserved header. It must not be changed"
        ),
        (
            "remote_write:\n- url: http://a/\n  basic_auth: {username: a}\n  sigv4: {region: x}\n",
            "at most one of basic_auth, authorization, oauth2, & sigv4 must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  sigv4: {}\n  bearer_token: x\n",
            "at most one of basic_auth, authorization, oauth2, & sigv4 must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  sigv4: {access_key: x}\n",
            "must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config"
        ),
        (
            "remote_write:\n- url: http://a/\n  oauth2: {client_secret: x, token_url: y}\n",
            "oauth2 client_id must be configured"
        ),
        ("remote_write:\n- url: http://a/\n  oauth2: {}\n", "oauth2 client_id must be configured"),
        (
            "remote_write:\n- url: http://a/\n  oauth2: {client_id: x, token_url: y}\n",
            "either oauth2 client_secret or client_secret_file must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  oauth2: {client_id: x, client_secret: s}\n",
            "oauth2 token_url must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  oauth2: {client_id: x, client_secret: s, client_secret_file: f, "
                + "token_url: t}\n",
            "at most one of oauth2 client_secret & client_secret_file must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  basic_auth: {username: a}\n  oauth2: {client_id: x, client_secret: s, "
                + "token_url: t}\n",
            "at most one of basic_auth, oauth2 & authorization must be configured"
        ),
        (
            "remote_read:\n- url: http://a/\n  authorization: {credentials: a}\n  oauth2: {client_id: x, "
                + "client_secret: s, token_url: t}\n",
            "at most one of basic_auth, oauth2 & authorization must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  bearer_token_file: t\n  oauth2: {client_id: x, client_secret: s, "
                + "token_url: t}\n",
            "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  basic_auth: {username: u, password: p, password_file: f}\n",
            "at most one of basic_auth password & password_file must be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  proxy_connect_header: {X: [a]}\n",
            "if proxy_connect_header is configured proxy_url must also be configured"
        ),
        (
            "remote_write:\n- url: http://a/\n  tls_config: {min_version: TLS99}\n",
            "unknown TLS version: TLS99"
        ),
        ("remote_read:\n- url: http://a/\n  tls_config: {max_version: \"\"}\n", "unknown TLS version: "),
        (
            "remote_read:\n- url: http://a/\n  required_matchers: {\"a-b\": x}\n",
            #""a-b" is not a valid label name"#
        ),
        (
            "remote_write:\n- url: http://a/\n  queue_config: {batch_send_deadline: 5}\n",
            #"not a valid duration string: "5""#
        ),
        (
            "remote_write:\n- url: http://a/\n  write_relabel_configs:\n  - action: nope\n",
            #"unknown relabel action "nope""#
        ),
        (
            "remote_write:\n- url: http://a/\n  name: [1]\n- url: http://b/\n  headers: {Host: x}\n",
            "Host is a reserved header. It must not be changed"
        ),
        ("remote_write:\n- url: \"http://a b/\"\n", #"parse "http://a b/": invalid character " " in host name"#),
        ("remote_write:\n- url: \"://x\"\n", #"parse "://x": missing protocol scheme"#),
        ("remote_read:\n- url: \"http://[::1\"\n", #"parse "http://[::1": missing ']' in host"#),
        ("remote_write:\n- url: \"http://a/%zz\"\n", #"parse "http://a/%zz": invalid URL escape "%zz""#),
        ("remote_write:\n- url: \"http://a:port/\"\n", #"parse "http://a:port/": invalid port ":port" after host"#),
        (
            "remote_write:\n- url: \"http://a/\\x01\"\n",
            #"parse "http://a/\x01": net/url: invalid control character in URL"#
        ),
        ("remote_write:\n- url: \"1a:b\"\n", #"parse "1a:b": first path segment in URL cannot contain colon"#),
        ("remote_write:\n- url: \"http://us er@a/\"\n", #"parse "http://us er@a/": net/url: invalid userinfo"#),
        ("remote_write:\n- url: \"http://a/#%zz\"\n", #"parse "http://a/#%zz": invalid URL escape "%zz""#),
        (
            "remote_read:\n- url: http://a/\n  proxy_url: \"http://p:x/\"\n",
            #"parse "http://p:x/": invalid port ":x" after host"#
        ),
        (
            "remote_write:\n- url: http://a/\n  oauth2: {client_id: x, client_secret: s, token_url: t, "
                + "proxy_url: \"http://a b\"}\n",
            #"parse "http://a b": invalid character " " in host name"#
        ),
    ]

    @Test(arguments: errors)
    func checkFailsAsPrometheusDoes(_ yaml: String, _ message: String) {
        #expect(error(yaml) == message)
    }

    static let typeErrors: [(String, [String])] = [
        (
            "remote_write:\n- url: http://a/\n  foo: 1\n  queue_config: {bar: 1}\n  metadata_config: {baz: 1}\n"
                + "  sigv4: {qux: 1}\n  oauth2: {quux: 1}\n  azuread: {}\nremote_read:\n- url: http://a/\n  foo: 2\n"
                + "  sigv4: {}\n",
            [
                "line 3: field foo not found in type config.plain",
                "line 4: field bar not found in type config.QueueConfig",
                "line 5: field baz not found in type config.MetadataConfig",
                "line 6: field qux not found in type sigv4.plain",
                "line 7: field quux not found in type config.OAuth2",
                "line 8: field azuread not found in type config.plain",
                "line 11: field foo not found in type config.plain",
                "line 12: field sigv4 not found in type config.plain",
            ]
        ),
        (
            "remote_write:\n  url: http://a/\n",
            ["line 2: cannot unmarshal !!map into []*config.RemoteWriteConfig"]
        ),
        ("remote_read: http://a/\n", ["line 1: cannot unmarshal !!str `http://a/` into []*config.RemoteReadConfig"]),
        (
            "remote_write:\n- url: [a]\n  queue_config: {capacity: x, max_shards: 1.5, retry_on_http_429: maybe, "
                + "max_backoff: [1]}\n  metadata_config: {send: 3, max_samples_per_send: \"7\"}\n  send_exemplars: x\n"
                + "  headers: [a]\n  name: [b]\n  write_relabel_configs: {}\n",
            [
                "line 2: cannot unmarshal !!seq into string",
                "line 3: cannot unmarshal !!str `x` into int",
                "line 3: cannot unmarshal !!str `maybe` into bool",
                "line 3: cannot unmarshal !!seq into string",
                "line 4: cannot unmarshal !!int `3` into bool",
                "line 4: cannot unmarshal !!str `7` into int",
                "line 5: cannot unmarshal !!str `x` into bool",
                "line 6: cannot unmarshal !!seq into map[string]string",
                "line 7: cannot unmarshal !!seq into string",
                "line 8: cannot unmarshal !!map into []*relabel.Config",
            ]
        ),
        (
            "remote_read:\n- url: http://a/\n  read_recent: 2\n  required_matchers: [a]\n"
                + "  filter_external_labels: x\n  remote_timeout: [1]\n",
            [
                "line 3: cannot unmarshal !!int `2` into bool",
                "line 4: cannot unmarshal !!seq into model.LabelSet",
                "line 5: cannot unmarshal !!str `x` into bool",
                "line 6: cannot unmarshal !!seq into string",
            ]
        ),
        (
            "remote_read:\n- url: http://a/\n  required_matchers: {a: [1], b: {c: 1}, c: 3, d: }\n",
            [
                "line 3: cannot unmarshal !!seq into model.LabelValue",
                "line 3: cannot unmarshal !!map into model.LabelValue",
            ]
        ),
        // Block mappings: a key repeated in a flow mapping (`{a: x, a: y}`) still gets go-yaml v3's wording from
        // KlaxonYAML (it cannot locate the repeat to let the decoder report it).
        (
            "remote_read:\n- url: http://a/\n  required_matchers:\n    a: x\n    b: y\n    a: z\n",
            [#"line 6: key "a" already set in map"#]
        ),
        (
            "remote_write:\n- url: http://a/\n  headers:\n    a: x\n    a: y\n",
            [#"line 5: key "a" already set in map"#]
        ),
        ("remote_write:\n- url: http://a/\n  url: http://b/\n", ["line 3: field url already set in type config.plain"]),
        (
            "remote_write:\n- url: http://a/\n  headers: {a: [1], b: {c: d}}\n  sigv4: [1]\n  queue_config: [1]\n"
                + "  metadata_config: 3\n",
            [
                "line 3: cannot unmarshal !!seq into string",
                "line 3: cannot unmarshal !!map into string",
                "line 4: cannot unmarshal !!seq into sigv4.plain",
                "line 5: cannot unmarshal !!seq into config.QueueConfig",
                "line 6: cannot unmarshal !!int `3` into config.MetadataConfig",
            ]
        ),
        (
            "remote_write:\n- url: http://a/\n  bearer_token: [1]\n  basic_auth: {password: [1], username: [2]}\n"
                + "  authorization: {credentials: [1]}\n  oauth2: {client_secret: [1], scopes: a, endpoint_params: [1], "
                + "tls_config: 3}\n  sigv4: {secret_key: [1]}\n  tls_config: {min_version: [1]}\n",
            [
                "line 3: cannot unmarshal !!seq into config.plain",
                "line 4: cannot unmarshal !!seq into config.plain",
                "line 4: cannot unmarshal !!seq into string",
                "line 5: cannot unmarshal !!seq into config.plain",
                "line 6: cannot unmarshal !!seq into config.plain",
                "line 6: cannot unmarshal !!str `a` into []string",
                "line 6: cannot unmarshal !!seq into map[string]string",
                "line 6: cannot unmarshal !!int `3` into config.plain",
                "line 7: cannot unmarshal !!seq into config.plain",
                "line 8: cannot unmarshal !!seq into string",
            ]
        ),
        (
            "remote_write:\n- url: http://a/\n  proxy_url: http://p/\n  proxy_connect_header: {X: a, Y: [1, [2]]}\n"
                + "- url: http://b/\n  proxy_url: http://p/\n  proxy_connect_header: [1]\n",
            [
                "line 4: cannot unmarshal !!str `a` into []config.Secret",
                "line 4: cannot unmarshal !!seq into config.plain",
                "line 7: cannot unmarshal !!seq into config.Header",
            ]
        ),
    ]

    @Test(arguments: typeErrors)
    func typeErrorsAreWordedAsYAMLv2(_ yaml: String, _ lines: [String]) {
        #expect(error(yaml) == "yaml: unmarshal errors:\n  " + lines.joined(separator: "\n  "))
    }

    /// prometheus/common 0.39 (the version 2.42 is built with) has no `no_proxy`, `proxy_from_environment` or inline
    /// TLS `ca`/`cert`/`key`; it has `max_version`.
    @Test func httpFieldsOfCommon039() throws {
        #expect(
            error("scrape_configs:\n- job_name: a\n  no_proxy: x\n  tls_config: {ca: x}\n")
                == "yaml: unmarshal errors:\n  line 3: field no_proxy not found in type config.ScrapeConfig\n"
                + "  line 4: field ca not found in type config.plain"
        )
        let config = try load("scrape_configs:\n- job_name: a\n  tls_config: {max_version: TLS12}\n")
        #expect(config.scrapeConfigs[0].http.tls.maxVersion == 771)
    }

    // MARK: queue names and duplicates

    @Test func unnamedQueuesAreNamedByTheirConfigHash() throws {
        // Recorded from Prometheus 2.42's /metrics (remote_name) for the same entries.
        let config = try load(
            """
            remote_write:
            - url: http://127.0.0.1:2/write
            remote_read:
            - url: http://127.0.0.1:7/read
            """
        )
        #expect(config.remoteWriteConfigs[0].queueName == "c4b7aa")
        #expect(config.remoteReadConfigs[0].queueName == "cfee13")
    }

    @Test func hashIgnoresSecretsButNotPaths() throws {
        func name(_ yaml: String, file: String = "prometheus.yml") throws -> String {
            try load("remote_write:\n- url: http://a/\n" + yaml, file: file).remoteWriteConfigs[0].queueName
        }
        #expect(
            try name("  basic_auth: {username: u, password: one}\n")
                == name("  basic_auth: {username: u, password: two}\n")
        )
        #expect(try name("  bearer_token_file: t\n") != name("  bearer_token_file: t\n", file: "/etc/prometheus.yml"))
        #expect(try name("  remote_timeout: 30s\n") == name(""))
    }

    @Test func identicalEntriesAreAnErrorOnlyWhenApplied() throws {
        let config = try load("remote_write:\n- url: http://a/\n- url: http://a/\n  basic_auth: {username: u}\n")
        #expect(config.remoteStorageError() == nil)
        let twice = try load("remote_write:\n- url: http://u:p@a/\n- url: http://u:p@a/\n  remote_timeout: 30s\n")
        #expect(
            twice.remoteStorageError()?.message
                == "duplicate remote write configs are not allowed, found duplicate for URL: http://u:p@a/"
        )
        // Different secrets do not make two entries different (they hash as `<secret>`).
        let secrets = try load(
            "remote_read:\n- url: http://a/\n  bearer_token: x\n- url: http://a/\n  bearer_token: y\n"
        )
        #expect(
            secrets.remoteStorageError()?.message
                == "duplicate remote read configs are not allowed, found duplicate for URL: http://a/"
        )
    }

    // MARK: helpers

    @Test func goURLRoundTrips() throws {
        let cases: [(String, String, String)] = [
            ("http://a/b", "http://a/b", "http://a/b"),
            ("HTTP://User:Pw@h:1/p?q#f", "http://User:Pw@h:1/p?q#f", "http://User:xxxxx@h:1/p?q#f"),
            ("http://h/b c", "http://h/b%20c", "http://h/b%20c"),
            ("http://h/%41x%2fy", "http://h/%41x%2fy", "http://h/%41x%2fy"),
            ("http://h/a?", "http://h/a?", "http://h/a?"),
            ("mailto:x@y", "mailto:x@y", "mailto:x@y"),
            ("relative/path", "relative/path", "relative/path"),
            ("//host/p", "//host/p", "//host/p"),
            ("http://[fe80::1%25en0]:8/", "http://[fe80::1%25en0]:8/", "http://[fe80::1%25en0]:8/"),
            ("http://u%40x:p%3a@h/", "http://u%40x:p%3A@h/", "http://u%40x:xxxxx@h/"),
            ("*", "*", "*"),
            ("", "", ""),
        ]
        for (raw, string, redacted) in cases {
            let url = try GoURL.parse(raw).get()
            #expect(url.string == string, "\(raw)")
            #expect(url.redacted == redacted, "\(raw)")
        }
    }

    @Test func mapKeysInYAMLv2Order() {
        let keys = ["z", "Z", "_a", "a1", "a01", "a001", "a10", "a9", "aB", "a_b"]
        #expect(
            keys.sorted(by: ConfigYAMLWriter.yamlKeyLess)
                == ["_a", "Z", "a_b", "a1", "a01", "a001", "a9", "a10", "aB", "z"]
        )
    }
}
