/// A NOTIFY received on a LISTENing connection.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public var channel: String
    /// Its payload (may be empty).
    public var payload: String
    /// The server process id of the sender.
    public var senderPID: Int32
}
