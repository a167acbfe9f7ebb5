/// What one top-level item of a calendar is (each with its own UID).
enum ItemKind: Sendable, CaseIterable {
    /// A single event with a TZID.
    case zonedEvent
    /// A single event in UTC (`Z`).
    case utcEvent
    /// An all-day event, one or several days.
    case allDayEvent
    /// A single event in floating time.
    case floatingEvent
    /// A weekly series with EXDATEs and overrides.
    case weeklySeries
    /// A monthly series (BYMONTHDAY or BYDAY=2TU / -1FR).
    case monthlySeries
    /// A task with a DUE date.
    case todoWithDue
    /// A task with DTSTART and DUE.
    case todoWithStart
    /// A task without any date.
    case undatedTodo

    /// The first items of every calendar, so that each account holds every kind (provided it
    /// has at least this many items).
    static let guaranteed: [ItemKind] = [
        .weeklySeries, .zonedEvent, .monthlySeries, .utcEvent, .allDayEvent, .floatingEvent,
        .todoWithDue, .todoWithStart, .undatedTodo, .monthlySeries, .weeklySeries,
    ]

    /// Relative frequency of each kind after the guaranteed ones.
    var weight: Int {
        switch self {
        case .zonedEvent: 40
        case .utcEvent: 8
        case .allDayEvent: 10
        case .floatingEvent: 2
        case .weeklySeries: 18
        case .monthlySeries: 8
        case .todoWithDue: 3
        case .todoWithStart: 2
        case .undatedTodo: 1
        }
    }

    /// A kind drawn by weight.
    static func random(using generator: inout SeededGenerator) -> ItemKind {
        var roll = generator.int(in: 0...(totalWeight - 1))
        for kind in allCases {
            if roll < kind.weight { return kind }
            roll -= kind.weight
        }
        return .zonedEvent
    }

    private static let totalWeight = allCases.reduce(0) { $0 + $1.weight }
}
