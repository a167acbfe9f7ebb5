/// The differences between calimport's window and python's recurring-ical-events on the
/// corpus that are deliberate, each with its reason. A difference not matched here fails
/// ``ReferenceComparisonTests``.
enum ReferenceDifferences {
    /// One file × window where the kept UIDs differ.
    struct Difference: CustomStringConvertible {
        var file: String
        var window: String
        var onlyOurs: [String]
        var onlyTheirs: [String]

        var description: String { "\(file) [\(window)]: only calimport \(onlyOurs), only reference \(onlyTheirs)" }
    }

    /// A deliberate difference: in `file`, calimport keeps more (`onlyOurs` within `uids`,
    /// or any UID when `uids` is empty) and never less.
    struct Deliberate {
        var file: String
        var uids: Set<String> = []
        var reason: String
    }

    static let allDayInCalendarZone = """
        All-day events cover their whole day in the calendar's X-WR-TIMEZONE (DESIGN.md: times \
        without a zone take it; Google and Apple show them so); the reference compares dates \
        without a zone, so a day that touches the window only through the zone's offset differs.
        """
    static let undatedKept = """
        A VJOURNAL or VTODO without any date has no time to fall outside the window, so calimport \
        keeps it (the issue's rule; nothing lost); the reference has no occurrence for it.
        """

    static let deliberate: [Deliberate] = [
        Deliberate(file: "ical4j/mathBirthdays.ics", reason: allDayInCalendarZone),
        Deliberate(file: "ical4j/Misc.History.ics", reason: allDayInCalendarZone),
        Deliberate(file: "ical.js/day_long_recur_yearly.ics", reason: allDayInCalendarZone),
        Deliberate(file: "icalendar/issue_1050_all_components.ics", uids: ["journal-1"], reason: undatedKept),
        Deliberate(file: "icalendar/issue_1050_calendar_with_events_and_todos.ics", uids: ["journal-1@example.com"],
                   reason: undatedKept),
        Deliberate(file: "libical/2445.ics", uids: ["uid5@host1.com"], reason: undatedKept),
        Deliberate(file: "libical/4.ics", uids: ["uid5@host1.com"], reason: undatedKept),
        Deliberate(file: "node-ical/vtodo-vfreebusy.ics", uids: ["uid5@host1.com"], reason: undatedKept),
    ]

    /// The documented reason for `difference`, or `nil` when it is not a deliberate one.
    static func reason(for difference: Difference) -> String? {
        guard difference.onlyTheirs.isEmpty,
              let entry = deliberate.first(where: { $0.file == difference.file }),
              entry.uids.isEmpty || entry.uids.isSuperset(of: difference.onlyOurs) else { return nil }
        return entry.reason
    }
}
