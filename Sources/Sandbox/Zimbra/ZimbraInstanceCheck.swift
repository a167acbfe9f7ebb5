import Foundation
import ICalendar

/// Whether a new series has "effectively zero instances", which Zimbra deletes again and answers
/// `FORBIDDEN` (Zimbra/zm-mailbox store/src/java/com/zimbra/cs/mailbox/CalendarItem.java:561-568,
/// `expandInstances` over all time). The sandbox recognises the plain case on its own, without
/// calimport's recurrence code: an `RRULE` with `FREQ=DAILY` or `WEEKLY`, `COUNT`, an optional
/// `INTERVAL` and no `BY…` part, every one of whose occurrences is named by an `EXDATE` (compared
/// as local date-time text). Other rules are assumed to have instances.
enum ZimbraInstanceCheck {
    static func hasNoInstances(_ component: Component) -> Bool {
        guard component.first("RECURRENCE-ID") == nil, let rule = component.first("RRULE")?.value,
              let start = component.first("DTSTART")?.value else { return false }
        var parts: [String: String] = [:]
        for pair in rule.split(separator: ";") {
            let sides = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if sides.count == 2 { parts[sides[0].uppercased()] = sides[1] }
        }
        guard parts.keys.allSatisfy({ ["FREQ", "COUNT", "INTERVAL", "WKST"].contains($0) }),
              let count = parts["COUNT"].flatMap(Int.init), count > 0, count <= 1000,
              let step = ["DAILY": 1, "WEEKLY": 7][parts["FREQ"]?.uppercased() ?? ""] else { return false }
        let interval = parts["INTERVAL"].flatMap(Int.init) ?? 1
        let excluded = Set(component.all("EXDATE").flatMap { $0.value.split(separator: ",") }.map { localText(String($0)) })
        guard let first = date(localText(start)) else { return false }
        return (0..<count).allSatisfy { index in
            excluded.contains(text(first.addingTimeInterval(Double(index * step * interval) * 86400), like: start))
        }
    }

    static func localText(_ value: String) -> String {
        value.hasSuffix("Z") ? String(value.dropLast()) : value
    }

    private static var formats: [DateFormatter] {
        ["yyyyMMdd'T'HHmmss", "yyyyMMdd"].map { format in
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
        }
    }

    static func date(_ text: String) -> Date? {
        (text.count == 8 ? formats[1] : formats[0]).date(from: text)
    }

    private static func text(_ date: Date, like start: String) -> String {
        (localText(start).count == 8 ? formats[1] : formats[0]).string(from: date)
    }
}
