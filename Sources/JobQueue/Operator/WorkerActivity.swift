/// A live worker process, for `status --watch`.
public struct WorkerActivity: Sendable, Equatable, Codable {
    public var id: String
    public var host: String
    public var pid: Int
    /// Dispatch slots it runs.
    public var slots: Int
    /// Jobs it holds now.
    public var running: Int
    /// Seconds since its last heartbeat.
    public var heartbeatAgeSeconds: Double

    public init(id: String, host: String, pid: Int, slots: Int, running: Int, heartbeatAgeSeconds: Double) {
        self.id = id
        self.host = host
        self.pid = pid
        self.slots = slots
        self.running = running
        self.heartbeatAgeSeconds = heartbeatAgeSeconds
    }

    enum CodingKeys: String, CodingKey {
        case id, host, pid, slots, running
        case heartbeatAgeSeconds = "heartbeat_age_seconds"
    }
}
