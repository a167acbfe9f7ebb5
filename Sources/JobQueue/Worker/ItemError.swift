/// One calendar item of an account that could not be imported.
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

    enum CodingKeys: String, CodingKey {
        case uid
        case recurrenceID = "recurrence_id"
        case reason
    }
}
