/// A type a setting can be resolved to: written and read as the text the file and the
/// environment hold.
public protocol SettingValue: Sendable, Equatable {
    /// Parses the text of a validated setting.
    init?(settingText: String)
    /// The text a flag's value is validated as.
    var settingText: String { get }
}

extension Int: SettingValue {
    public init?(settingText: String) { self.init(settingText) }
    public var settingText: String { String(self) }
}

extension Double: SettingValue {
    public init?(settingText: String) { self.init(settingText) }
    public var settingText: String { SettingRule.format(self) }
}

extension String: SettingValue {
    public init?(settingText: String) { self = settingText }
    public var settingText: String { self }
}
