import Foundation
import ICalendar

/// The sandbox's own reading of import.wcap's `dtstart`/`dtend` ("imports only events and todos
/// in the file that fall within the time range", Calendar Server 6.3 WCAP Developer's Guide,
/// import.wcap). Only documents exist, so this guesses, and each guess is the pessimistic one
/// (it keeps less): a component falls in the range when `[DTSTART, DTEND or DUE)` overlaps it,
/// recurrence rules are not expanded, local and zoned times are read as UTC, and a component
/// without dates falls in no bounded range. An item (one UID) is imported when any of its
/// components falls in the range. `nil` bounds are `0` (open).
struct WCAPRange {
    var from: Date?
    var to: Date?

    var isOpen: Bool { from == nil && to == nil }

    /// Whether `components` (one UID's) fall in the range.
    func contains(_ components: [Component]) -> Bool {
        isOpen || components.contains(where: overlaps)
    }

    private func overlaps(_ component: Component) -> Bool {
        guard let start = component.first("DTSTART").flatMap(Self.date) else { return false }
        var end = (component.first("DTEND") ?? component.first("DUE")).flatMap(Self.date) ?? start
        if end <= start { end = start.addingTimeInterval(component.first("DTSTART")?.value.count == 8 ? 86_400 : 1) }
        return (to.map { start < $0 } ?? true) && (from.map { end > $0 } ?? true)
    }

    /// `yyyyMMdd`, `yyyyMMdd'T'HHmmss` or with `Z`, all read as UTC.
    static func date(_ property: Property) -> Date? {
        let text = property.value.hasSuffix("Z") ? String(property.value.dropLast()) : property.value
        return SandboxText.utcFormatter(text.count == 8 ? "yyyyMMdd" : "yyyyMMdd'T'HHmmss").date(from: text)
    }

    /// A query bound: `0` (open) or `yyyyMMdd'T'HHmmss'Z'`; nil when neither.
    static func bound(_ text: String) -> Date?? {
        if text == "0" { return .some(nil) }
        guard text.hasSuffix("Z"), let date = SandboxText.utcFormatter("yyyyMMdd'T'HHmmss").date(from: String(text.dropLast())) else { return nil }
        return .some(date)
    }
}
