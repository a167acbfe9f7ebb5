extension SettingKey {
    /// Every key calimport reads. A file with any other key is refused.
    public static let known: [SettingKey] = [
        SettingKey("home", .string, "state directory of the embedded database (default ./.calimport)"),
        SettingKey("database.url", .string, secret: true, "libpq URL of the queue database (default: DATABASE_URL, else the embedded cluster)"),
        SettingKey("log.level", .string, "trace … critical (default info)"),
        SettingKey("log.format", .string, "text or json (default text)"),
        SettingKey("target.user", .string, "user name for the target (basic auth, admin or proxy account)"),
        SettingKey("target.password_file", .string, "file holding the target password, mode 0600 or 0400"),
        SettingKey("worker.concurrency", .integer, "Dispatch slots per process (default 16)"),
        SettingKey("worker.lease_seconds", .number, "lease length (default 60)"),
        SettingKey("worker.heartbeat_seconds", .number, "seconds between heartbeats (default 10)"),
        SettingKey("worker.grace_seconds", .number, "time in-flight jobs get after SIGTERM (default 30)"),
        SettingKey("retry.base_seconds", .number, "first backoff ceiling (default 5)"),
        SettingKey("retry.cap_seconds", .number, "largest backoff ceiling (default 900)"),
        SettingKey("throttle.max_in_flight", .integer, "requests in flight per target host and process"),
        SettingKey("throttle.rate", .number, "requests per second per target host and process (0 = unlimited)"),
    ]

    /// The known key named `name`, if any.
    public static func named(_ name: String) -> SettingKey? {
        known.first { $0.name == name }
    }
}
