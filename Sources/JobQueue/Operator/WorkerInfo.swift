import Foundation

/// A worker process as the registry knows it, for `workers`.
public struct WorkerInfo: Sendable, Equatable, Codable {
    public var id: String
    public var host: String
    public var pid: Int
    public var slots: Int
    public var version: String
    /// Jobs it holds under a lease now.
    public var running: Int
    public var startedAt: Date
    public var lastHeartbeat: Date
    /// Seconds since its last heartbeat.
    public var silentFor: Double
    /// When it stopped claiming after a stop request, if it did.
    public var stoppingSince: Date?
    /// When it deregistered (a clean stop), if it did.
    public var stoppedAt: Date?
    /// No heartbeat for longer than its lease (and three heartbeat intervals), and never
    /// deregistered: killed or cut off. Its jobs are rescued when their leases expire.
    public var dead: Bool

    enum CodingKeys: String, CodingKey {
        case id, host, pid, slots, version, running
        case startedAt = "started_at"
        case lastHeartbeat = "last_heartbeat"
        case silentFor = "silent_for"
        case stoppingSince = "stopping_since"
        case stoppedAt = "stopped_at"
        case dead
    }
}
