/// A per-component problem or a file warning. Problems are never dropped silently: the
/// caller reports them per event.
public struct CalendarProblem: Sendable, Equatable {
    /// How bad a problem is.
    public enum Severity: String, Sendable {
        /// Something was read leniently; the component (if any) is still imported.
        case warning
        /// The component named by `uid` / `recurrenceID` is not imported.
        case error
    }

    /// How bad the problem is.
    public var severity: Severity
    /// The UID of the component concerned, when there is one.
    public var uid: String?
    /// The RECURRENCE-ID value of the component concerned, when it is an override.
    public var recurrenceID: String?
    /// The 1-based physical line the problem was found at, when known.
    public var line: Int?
    /// One human-readable line, e.g. `"unknown TZID 'Foo' read as floating"`.
    public var reason: String

    /// Creates a problem.
    public init(severity: Severity, uid: String? = nil, recurrenceID: String? = nil, line: Int? = nil, reason: String) {
        self.severity = severity
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.line = line
        self.reason = reason
    }

    /// A warning about `component` (its UID and RECURRENCE-ID are filled in).
    static func warning(_ reason: String, in component: Component?, line: Int? = nil) -> CalendarProblem {
        about(component, severity: .warning, reason: reason, line: line)
    }

    /// An error about `component`: it is not imported.
    static func error(_ reason: String, in component: Component, line: Int? = nil) -> CalendarProblem {
        about(component, severity: .error, reason: reason, line: line)
    }

    private static func about(_ component: Component?, severity: Severity, reason: String, line: Int?) -> CalendarProblem {
        CalendarProblem(severity: severity, uid: component?.first("UID")?.value,
                        recurrenceID: component?.first("RECURRENCE-ID")?.value,
                        line: line ?? component?.line, reason: reason)
    }
}
