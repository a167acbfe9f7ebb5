/// A value resolved from its flag, the environment, the file or its built-in default, with
/// where it came from (for messages).
public struct ResolvedSetting<Value: SettingValue>: Sendable, CustomStringConvertible {
    /// The effective value.
    public var value: Value
    /// Where it came from: the flag (`--lease`), the environment variable
    /// (`CALIMPORT_WORKER_LEASE_SECONDS`), `worker.lease_seconds in FILE`, or `default`.
    public var origin: String

    public init(value: Value, origin: String) {
        self.value = value
        self.origin = origin
    }

    /// `60 (worker.lease_seconds in /etc/calimport/calimport.yaml)`.
    public var description: String { "\(value.settingText) (\(origin))" }
}
