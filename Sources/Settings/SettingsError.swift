/// A configuration that cannot be used: the file, the key and what is wrong.
public struct SettingsError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The file cannot be read or is not YAML.
        public static let unreadable = Code("unreadable")
        /// A key calimport does not know (a typo, most of the time).
        public static let unknownKey = Code("unknownKey")
        /// A value of the wrong type or out of range.
        public static let invalidValue = Code("invalidValue")
        /// A value needed now is set neither by its flag nor by the configuration.
        public static let missingValue = Code("missingValue")
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
