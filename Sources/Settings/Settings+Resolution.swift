extension Settings {
    /// The value of key `name` with the precedence flag > environment > file > default: `flag`
    /// when given (validated by the key's rule, the message naming `flagName`), else the
    /// configuration's value, else `defaultValue`.
    public func resolve<Value: SettingValue>(
        _ name: String, flag: Value?, flagName: String, default defaultValue: Value
    ) throws -> ResolvedSetting<Value> {
        try resolve(name, flag: flag, flagName: flagName) ?? ResolvedSetting(value: defaultValue, origin: "default")
    }

    /// As ``resolve(_:flag:flagName:default:)`` for a key without a built-in default: nil when
    /// neither the flag nor the configuration sets it.
    public func resolve<Value: SettingValue>(_ name: String, flag: Value?, flagName: String) throws -> ResolvedSetting<Value>? {
        guard let key = SettingKey.named(name) else { preconditionFailure("unknown setting key \(name)") }
        if let flag {
            try key.validate(flag.settingText, origin: flagName)
            return ResolvedSetting(value: flag, origin: flagName)
        }
        guard let entry = values[name] else { return nil }
        guard let value = Value(settingText: entry.value) else {
            throw SettingsError(code: .invalidValue, message: "\(origin(of: key, entry.source)): '\(entry.value)' is not a valid \(key.kind.rawValue) for \(name)")
        }
        return ResolvedSetting(value: value, origin: origin(of: key, entry.source))
    }

    /// Throws ``SettingsError/Code/invalidValue`` with `message` unless `condition` holds: for
    /// rules that tie two settings together (the heartbeat shorter than the lease).
    public static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        guard condition else { throw SettingsError(code: .invalidValue, message: message()) }
    }

    private func origin(of key: SettingKey, _ source: Source) -> String {
        switch source {
        case .environment: return key.environmentVariable
        case .file: return "\(key.name) in \(file ?? "the configuration file")"
        }
    }
}
