/// An account being imported now, for the "slowest running accounts" of `status --batch` and
/// `status --watch`.
public struct RunningJob: Sendable, Equatable, Codable {
    /// The batch it belongs to.
    public var batch: String
    public var account: String
    /// Which attempt this is.
    public var attempt: Int
    /// The worker process holding it.
    public var workerID: String
    /// Seconds since the attempt was claimed.
    public var elapsedSeconds: Double
    /// Its phase and components pushed, as of its worker's last heartbeat; nil before the first.
    public var progress: LiveProgress?

    public init(batch: String, account: String, attempt: Int, workerID: String, elapsedSeconds: Double, progress: LiveProgress? = nil) {
        self.batch = batch
        self.account = account
        self.attempt = attempt
        self.workerID = workerID
        self.elapsedSeconds = elapsedSeconds
        self.progress = progress
    }

    enum CodingKeys: String, CodingKey {
        case batch, account, attempt, progress
        case workerID = "worker_id"
        case elapsedSeconds = "elapsed_seconds"
    }

    /// Every key, `progress` null when there is none (stable keys for scripts).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(batch, forKey: .batch)
        try container.encode(account, forKey: .account)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(workerID, forKey: .workerID)
        try container.encode(elapsedSeconds, forKey: .elapsedSeconds)
        try container.encode(progress, forKey: .progress)
    }
}
