extension Settings {
    /// `environment` with the file's values added under their variables, for code that reads
    /// its settings from the environment (the target credentials: `target.password_file` becomes
    /// `CALIMPORT_TARGET_PASSWORD_FILE`). The environment wins: a file value is added only when its
    /// variable is unset, and a file's `…_file` key only when the secret is not set directly
    /// either (`CALIMPORT_TARGET_PASSWORD` set in the environment beats the file's password file).
    public func environment(overlaying environment: [String: String]) -> [String: String] {
        var merged = environment
        for key in SettingKey.known {
            guard let entry = values[key.name], entry.source == .file else { continue }
            let variable = key.environmentVariable
            guard !Self.isSet(variable, in: environment) else { continue }
            if variable.hasSuffix("_FILE"), Self.isSet(String(variable.dropLast("_FILE".count)), in: environment) { continue }
            merged[variable] = entry.value
        }
        return merged
    }

    private static func isSet(_ variable: String, in environment: [String: String]) -> Bool {
        environment[variable].map { !$0.isEmpty } ?? false
    }
}
