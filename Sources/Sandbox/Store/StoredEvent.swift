/// One component a sandbox account holds, as the inspection endpoint shows it.
public struct StoredEvent: Codable, Sendable, Equatable {
    /// Its UID.
    public var uid: String
    /// Its RECURRENCE-ID value, nil for a master or a single event.
    public var recurrenceID: String?
    /// Its SEQUENCE (0 when absent).
    public var sequence: Int
    /// The SCHEDULE-AGENT parameter of each ORGANIZER and ATTENDEE, in order ("" when absent).
    public var scheduleAgents: [String]

    public init(uid: String, recurrenceID: String?, sequence: Int, scheduleAgents: [String]) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.sequence = sequence
        self.scheduleAgents = scheduleAgents
    }

    enum CodingKeys: String, CodingKey {
        case uid
        case recurrenceID = "recurrence_id"
        case sequence
        case scheduleAgents = "schedule_agents"
    }
}
