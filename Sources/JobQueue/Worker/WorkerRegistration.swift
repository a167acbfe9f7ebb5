/// A worker process as it registers itself.
public struct WorkerRegistration: Sendable, Equatable {
    /// Unique id of the process (host, pid and a random suffix).
    public var id: String
    public var host: String
    public var pid: Int
    /// Dispatch slots it runs.
    public var slots: Int
    /// calimport version.
    public var version: String
    /// The lease it takes on its jobs, in seconds: silent for longer than this, it is dead.
    public var leaseDuration: Double
    /// Seconds between its heartbeats.
    public var heartbeatInterval: Double

    public init(id: String, host: String, pid: Int, slots: Int, version: String, leaseDuration: Double = 60, heartbeatInterval: Double = 10) {
        self.id = id
        self.host = host
        self.pid = pid
        self.slots = slots
        self.version = version
        self.leaseDuration = leaseDuration
        self.heartbeatInterval = heartbeatInterval
    }
}
