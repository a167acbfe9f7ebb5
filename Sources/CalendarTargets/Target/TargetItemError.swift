/// One item the target refused while the rest of the account imported.
public struct TargetItemError: Sendable, Equatable {
    public var uid: String?
    public var recurrenceID: String?
    public var reason: String

    public init(uid: String?, recurrenceID: String?, reason: String) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.reason = reason
    }
}
