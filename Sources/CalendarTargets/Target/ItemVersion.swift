import Foundation
import ICalendar

/// Which of two versions of one item is newer (RFC 5546 ordering): the higher SEQUENCE, then
/// the later DTSTAMP or LAST-MODIFIED (UTC values, compared as text).
struct ItemVersion: Comparable {
    var sequence: Int
    var stamp: String

    init(_ components: [Component]) {
        sequence = components.compactMap { Int($0.first("SEQUENCE")?.value.trimmingCharacters(in: .whitespaces) ?? "") }.max() ?? 0
        stamp = components.compactMap { ($0.first("LAST-MODIFIED") ?? $0.first("DTSTAMP"))?.value }.max() ?? ""
    }

    /// The version of an item stored as iCalendar text.
    init(data: Data) {
        let components = (try? CalendarDocument.parse(data))?.calendars.flatMap(\.components)
            .filter { ["VEVENT", "VTODO", "VJOURNAL"].contains($0.name) } ?? []
        self.init(components)
    }

    static func < (lhs: ItemVersion, rhs: ItemVersion) -> Bool {
        (lhs.sequence, lhs.stamp) < (rhs.sequence, rhs.stamp)
    }
}
