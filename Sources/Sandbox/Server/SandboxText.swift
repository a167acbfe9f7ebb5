import Foundation
import ICalendar

/// Text the sandbox's protocol handlers read and write alike: UTC date-times, content lines and
/// XML escaping (its own, so that the sandbox never answers through the connectors' code).
enum SandboxText {
    /// A formatter of `format` (`yyyyMMdd'T'HHmmss'Z'`, …) in UTC, POSIX locale.
    static func utcFormatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    /// `property` as one unfolded content line (parameter values as read, unquoted).
    static func line(_ property: Property) -> String {
        property.name + property.parameters.map { ";\($0.name)=\($0.value)" }.joined() + ":" + property.value
    }

    /// `text` escaped for element content and attribute values of the sandbox's answers.
    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
