/// An account being imported now, for the "slowest running accounts" of `status --batch`.
public struct RunningJob: Sendable, Equatable, Codable {
    public var account: String
    /// Which attempt this is.
    public var attempt: Int
    /// The worker process holding it.
    public var workerID: String
    /// Seconds since the attempt was claimed.
    public var elapsedSeconds: Double

    public init(account: String, attempt: Int, workerID: String, elapsedSeconds: Double) {
        self.account = account
        self.attempt = attempt
        self.workerID = workerID
        self.elapsedSeconds = elapsedSeconds
    }

    enum CodingKeys: String, CodingKey {
        case account, attempt
        case workerID = "worker_id"
        case elapsedSeconds = "elapsed_seconds"
    }
}
