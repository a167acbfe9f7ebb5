import Foundation

/// The components of one UID as collected from a file: at most one master (the highest
/// `SEQUENCE`, the first on a tie) and at most one override per `RECURRENCE-ID`.
struct UIDGroup {
    var uid: String
    /// Index of the `VCALENDAR` its first component came from (for the calendar's zone).
    var calendarIndex: Int
    var master: Component?
    var overrides: [Component] = []
    /// Whether its UID was derived (``DerivedUIDs``): its components had none.
    var hasDerivedUID = false
    private var overrideKeys: [String] = []

    init(uid: String, calendarIndex: Int) {
        self.uid = uid
        self.calendarIndex = calendarIndex
    }

    /// Groups `components` by UID in order of first appearance (those without UID have their
    /// ``DerivedUIDs`` by now); losing duplicates are reported as errors.
    static func group(_ components: [CalendarContents.Entry], problems: inout [CalendarProblem]) -> [UIDGroup] {
        var groups: [UIDGroup] = []
        var indexByUID: [String: Int] = [:]
        for (component, calendarIndex, hasDerivedUID) in components {
            guard let uid = component.first("UID")?.value, isUsable(uid) else {
                problems.append(.error("\(component.name) without UID is not imported", in: component))
                continue
            }
            let index = indexByUID[uid] ?? {
                groups.append(UIDGroup(uid: uid, calendarIndex: calendarIndex))
                indexByUID[uid] = groups.count - 1
                return groups.count - 1
            }()
            groups[index].hasDerivedUID = groups[index].hasDerivedUID || hasDerivedUID
            if let loser = groups[index].add(component) { problems.append(loser) }
        }
        return groups
    }

    /// Whether `uid` can group components: not empty, not only blanks.
    static func isUsable(_ uid: String) -> Bool {
        !uid.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Adds a component; returns the problem for the duplicate that lost, if any.
    private mutating func add(_ component: Component) -> CalendarProblem? {
        guard let rid = component.first("RECURRENCE-ID") else {
            guard let existing = master else { master = component; return nil }
            let (winner, problem) = UIDGroup.resolveDuplicate(existing, component, what: "UID")
            master = winner
            return problem
        }
        let key = (rid.parameter("TZID") ?? "") + "|" + rid.value.trimmingCharacters(in: .whitespaces)
        guard let index = overrideKeys.firstIndex(of: key) else {
            overrides.append(component)
            overrideKeys.append(key)
            return nil
        }
        let (winner, problem) = UIDGroup.resolveDuplicate(overrides[index], component, what: "UID and RECURRENCE-ID")
        overrides[index] = winner
        return problem
    }

    /// The higher `SEQUENCE` wins, the earlier on a tie; the loser is reported as an error.
    private static func resolveDuplicate(_ earlier: Component, _ later: Component,
                                         what: String) -> (Component, CalendarProblem) {
        let a = sequence(earlier), b = sequence(later)
        let (winner, loser) = b > a ? (later, earlier) : (earlier, later)
        let (winning, losing) = (sequence(winner), sequence(loser))
        let reason = winning == losing
            ? "duplicate \(what) with the same SEQUENCE \(losing) (kept the first, at line \(winner.line))"
            : "duplicate \(what) with lower SEQUENCE \(losing) (kept SEQUENCE \(winning) at line \(winner.line))"
        return (winner, .error(reason, in: loser))
    }

    private static func sequence(_ component: Component) -> Int {
        component.first("SEQUENCE").flatMap { Int($0.value.trimmingCharacters(in: .whitespaces)) } ?? 0
    }
}
