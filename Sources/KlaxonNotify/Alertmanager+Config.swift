public import KlaxonModel

extension Alertmanager {
    /// An Alertmanager for a loaded configuration: routes, receivers (Slack URLs defaulted from `global`),
    /// inhibit rules, time intervals (both sections), the `templates:` files and `global.resolve_timeout`
    /// (which replaces `options.resolveTimeout`). Throws when a template file does not parse.
    public init(
        config: AlertmanagerConfig,
        options: Options,
        sender: any HTTPSender,
        clock: any KlaxonClock
    ) throws {
        let (route, receivers) = config.build()
        var options = options
        options.resolveTimeout = config.global.resolveTimeout
        self.init(
            route: route,
            receivers: receivers,
            inhibitRules: config.inhibitRules,
            timeIntervals: config.timeIntervals + config.muteTimeIntervals,
            options: options,
            sender: sender,
            clock: clock,
            templates: try ReceiverTemplates(config: config),
            configOriginal: config.original
        )
    }

    /// Reloads with a new configuration (Alertmanager's `/-/reload`): alerts, the notification log and silences
    /// are kept; groups are rebuilt. Throws, changing nothing, when a template file does not parse.
    public func apply(_ config: AlertmanagerConfig) throws {
        let templates = try ReceiverTemplates(config: config)
        let (route, receivers) = config.build()
        setTemplates(templates, resolveTimeout: config.global.resolveTimeout)
        configOriginal = config.original
        reload(
            route: route,
            receivers: receivers,
            inhibitRules: config.inhibitRules,
            timeIntervals: config.timeIntervals + config.muteTimeIntervals
        )
    }

    /// Snapshots the notification log and the silences into `directory` (created if missing) as `nflog` and
    /// `silences`, each a `DurableFile` (temporary file, fsync, rename; magic, length and CRC-32C).
    public func saveState(to directory: String) throws {
        try DurableFile.makeDirectory(directory)
        let entries = StateSnapshot.encode(notificationLog.allEntries)
        try DurableFile.write(entries, magic: StateSnapshot.nflogMagic, to: directory + "/nflog")
        let list = StateSnapshot.encode(silences.allSilences)
        try DurableFile.write(list, magic: StateSnapshot.silencesMagic, to: directory + "/silences")
    }

    /// Restores what `saveState` wrote. Missing files are a fresh start. A file that fails its checksum or does
    /// not decode is skipped as a whole (the other one is still loaded) and reported in the thrown error.
    public func loadState(from directory: String) throws {
        var problems: [String] = []
        let entries = StateSnapshot.load(
            directory + "/nflog",
            magic: StateSnapshot.nflogMagic,
            legacyMagic: StateSnapshot.legacyNflogMagic,
            problems: &problems,
            decode: StateSnapshot.decodeNotificationLog
        )
        let list = StateSnapshot.load(
            directory + "/silences",
            magic: StateSnapshot.silencesMagic,
            legacyMagic: StateSnapshot.legacySilencesMagic,
            problems: &problems,
            decode: StateSnapshot.decodeSilences
        )
        restore(notificationLog: entries, silences: list)
        if !problems.isEmpty { throw StateSnapshotError(problems.joined(separator: "; ")) }
    }
}
