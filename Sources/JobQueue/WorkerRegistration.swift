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

    public init(id: String, host: String, pid: Int, slots: Int, version: String) {
        self.id = id
        self.host = host
        self.pid = pid
        self.slots = slots
        self.version = version
    }
}
