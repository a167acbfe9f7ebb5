/// One calendar item of an account that could not be imported: a component the parser
/// refused (from its ``CalendarProblem``) or an item the target refused. The one per-item
/// error type: connectors report it, the queue records it (JSON keys `uid`,
/// `recurrence_id`, `reason`), the operator's commands show it.
public struct ItemError: Sendable, Equatable, Codable {
    /// The item's UID, when it has one.
    public var uid: String?
    /// The RECURRENCE-ID of an override, when the error is about one instance.
    public var recurrenceID: String?
    /// Why it was not imported.
    public var reason: String

    public init(uid: String?, recurrenceID: String?, reason: String) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.reason = reason
    }

    /// The item `problem` is about, its line (when known) leading the reason.
    public init(_ problem: CalendarProblem) {
        let line = problem.line.map { "line \($0): " } ?? ""
        self.init(uid: problem.uid, recurrenceID: problem.recurrenceID, reason: line + problem.reason)
    }

    enum CodingKeys: String, CodingKey {
        case uid
        case recurrenceID = "recurrence_id"
        case reason
    }
}
