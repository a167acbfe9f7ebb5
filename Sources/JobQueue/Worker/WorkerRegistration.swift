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
    /// The lease it takes on its jobs: silent for longer than this, it is dead.
    public var leaseDuration: Duration
    /// Time between its heartbeats.
    public var heartbeatInterval: Duration

    public init(id: String, host: String, pid: Int, slots: Int, version: String, leaseDuration: Duration = .seconds(60), heartbeatInterval: Duration = .seconds(10)) {
        self.id = id
        self.host = host
        self.pid = pid
        self.slots = slots
        self.version = version
        self.leaseDuration = leaseDuration
        self.heartbeatInterval = heartbeatInterval
    }
}
