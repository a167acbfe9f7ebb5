import Foundation
import ICalendar

/// Text the sandbox's protocol handlers read and write alike: UTC date-times and content lines.
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
}
