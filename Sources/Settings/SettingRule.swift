/// The values a key accepts beyond its kind: a range for numbers, a list for words. The same
/// rule applies to the file, the environment and the flag that sets the key.
public enum SettingRule: Sendable, Hashable, CustomStringConvertible {
    /// A number from `lower` to `upper`, both included.
    case between(Double, Double)
    /// A number greater than 0.
    case positive
    /// A number of 0 or more.
    case nonNegative
    /// One of these words (compared case-insensitively).
    case oneOf([String])

    /// Whether `text` (already known to be of the key's kind) is allowed.
    public func allows(_ text: String) -> Bool {
        switch self {
        case let .oneOf(words): return words.contains(text.lowercased())
        case let .between(lower, upper): return Double(text).map { $0 >= lower && $0 <= upper } ?? false
        case .positive: return Double(text).map { $0 > 0 } ?? false
        case .nonNegative: return Double(text).map { $0 >= 0 } ?? false
        }
    }

    /// What is allowed, for messages: "between 1 and 1024", "greater than 0", "one of text, json".
    public var description: String {
        switch self {
        case let .between(lower, upper): return "between \(Self.format(lower)) and \(Self.format(upper))"
        case .positive: return "greater than 0"
        case .nonNegative: return "0 or more"
        case let .oneOf(words): return "one of " + words.joined(separator: ", ")
        }
    }

    /// `16` rather than `16.0` for whole numbers.
    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
