/// Who sends the invitations of imported meetings (a target URL's `invitations=` option).
public enum Invitations: String, Sendable, CaseIterable {
    /// calimport marks every ORGANIZER and ATTENDEE `SCHEDULE-AGENT=CLIENT`: the server sends
    /// none. The default.
    case client
    /// The server's own scheduling applies (CalDAV servers then may send invitations).
    case server

    /// The choice `url` makes (``client`` when it says nothing); throws a permanent
    /// ``CalendarTargetError`` naming the value when it is neither `client` nor `server`.
    public init(_ url: TargetURL) throws {
        guard let value = url.option("invitations") else {
            self = .client
            return
        }
        guard let choice = Invitations(rawValue: value) else {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false,
                                      message: "target \(url): unknown invitations=\(value) (client or server)")
        }
        self = choice
    }
}
