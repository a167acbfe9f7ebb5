import Foundation
import ICalendar

/// What a Zimbra folder holds, as its REST export (`GET …/{folder}?fmt=ics`, no range: every
/// appointment of the folder, IcsFormatter.java:77-93 of Zimbra/zm-mailbox) shows it: each
/// component's SEQUENCE by UID and RECURRENCE-ID.
struct ZimbraStoredComponents {
    /// A component's identity: its UID and its RECURRENCE-ID reduced to the date-time digits
    /// (Zimbra may write the same instant with or without the trailing `Z`).
    struct Key: Hashable {
        var uid: String
        var recurrenceID: String?

        init(_ component: Component, uid: String) {
            self.uid = uid
            recurrenceID = component.first("RECURRENCE-ID").map { Self.digits($0.value) }
        }

        static func digits(_ value: String) -> String {
            String(value.filter { $0.isNumber || $0 == "T" })
        }
    }

    private(set) var sequences: [Key: Int] = [:]
    /// The number of overrides (components with RECURRENCE-ID) per UID.
    private(set) var overrides: [String: Int] = [:]

    /// The UIDs the folder holds.
    var uids: Set<String> { Set(sequences.keys.map(\.uid)) }

    /// Reads an export; throws when it is not iCalendar.
    init(export data: Data) throws {
        for component in try CalendarDocument.parse(data).calendars.flatMap(\.components)
        where ["VEVENT", "VTODO", "VJOURNAL"].contains(component.name) {
            let uid = component.first("UID")?.value ?? ""
            let key = Key(component, uid: uid)
            sequences[key] = max(sequences[key] ?? Int.min, Self.sequence(of: component))
            if key.recurrenceID != nil { overrides[uid, default: 0] += 1 }
        }
    }

    /// The SEQUENCE the folder holds for `component` of `uid`, nil when it holds no such
    /// component. An override whose RECURRENCE-ID the server wrote differently (another zone)
    /// counts as held when the folder holds at least as many overrides of the UID as `sent`.
    func sequence(of component: Component, uid: String, sentOverrides: Int) -> Int? {
        let key = Key(component, uid: uid)
        if let found = sequences[key] { return found }
        guard key.recurrenceID != nil, (overrides[uid] ?? 0) >= sentOverrides else { return nil }
        return sequences.filter { $0.key.uid == uid && $0.key.recurrenceID != nil }.values.min()
    }

    static func sequence(of component: Component) -> Int {
        Int(component.first("SEQUENCE")?.value.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
    }
}
