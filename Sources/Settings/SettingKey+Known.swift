extension SettingKey {
    /// Every key calimport reads. A file with any other key is refused. The built-in defaults
    /// live with the code that uses them (`calimport config check` prints them).
    public static let known: [SettingKey] = [
        SettingKey("home", .string, "state directory of the embedded database"),
        SettingKey("database.url", .string, secret: true, "libpq URL of the queue database (else DATABASE_URL, else the embedded cluster)"),
        SettingKey("log.level", .string, rule: .oneOf(["trace", "debug", "info", "notice", "warning", "error", "critical"]), "least severe level logged"),
        SettingKey("log.format", .string, rule: .oneOf(["text", "json"]), "text, or json (one object per line)"),
        SettingKey("target.url", .string, "target URL of submit, run and check when --target is not given"),
        SettingKey("target.user", .string, "user for CalDAV, WCAP and Zimbra auth=admin/basic (an admin or proxy account)"),
        SettingKey("target.password_file", .string, "file holding that user's password, mode 0600 or 0400"),
        SettingKey("zimbra.preauth_key_file", .string, "file holding the Zimbra/Carbonio domain preauth key (auth=preauth), mode 0600 or 0400"),
        SettingKey("bluemind.api_key_file", .string, "file holding the BlueMind API key, mode 0600 or 0400"),
        SettingKey("worker.concurrency", .integer, rule: .between(1, 1024), "Dispatch slots per process: accounts imported at once"),
        SettingKey("worker.lease_seconds", .number, rule: .positive, "lease on each claimed job"),
        SettingKey("worker.heartbeat_seconds", .number, rule: .positive, "seconds between heartbeats; shorter than the lease"),
        SettingKey("worker.grace_seconds", .number, rule: .nonNegative, "time in-flight jobs get after SIGTERM"),
        SettingKey("worker.poll_interval_seconds", .number, rule: .positive, "longest wait between claims without a notification"),
        SettingKey("retry.base_seconds", .number, rule: .nonNegative, "first backoff ceiling after a transient failure"),
        SettingKey("retry.cap_seconds", .number, rule: .nonNegative, "largest backoff ceiling; at least the base"),
        SettingKey("retry.max_attempts", .integer, rule: .between(1, 100), "attempts before a job fails for good, stored with a batch when submitted"),
        SettingKey("throttle.max_in_flight", .integer, rule: .between(1, 1024), "requests in flight per target host and process"),
        SettingKey("throttle.rate", .number, rule: .nonNegative, "requests started per second per target host and process (0 = no limit)"),
    ]

    /// The known key named `name`, if any.
    public static func named(_ name: String) -> SettingKey? {
        known.first { $0.name == name }
    }
}
