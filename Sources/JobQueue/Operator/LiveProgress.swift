import Foundation
import Postgres

/// How far a running job got, as its worker's last heartbeat recorded it: the phase and the
/// components pushed so far, of how many the window kept. Only running jobs have one.
public struct LiveProgress: Sendable, Equatable, Codable {
    /// `reading`, `filtering`, `pushing` or `verifying`.
    public var phase: String
    /// Components pushed so far.
    public var done: Int
    /// Components to push, once known (the ones the window kept).
    public var total: Int?
    /// When the worker last saw the phase or the count change.
    public var changedAt: Date?

    public init(phase: String, done: Int, total: Int?, changedAt: Date?) {
        self.phase = phase
        self.done = done
        self.total = total
        self.changedAt = changedAt
    }

    enum CodingKeys: String, CodingKey {
        case phase, done, total
        case changedAt = "changed_at"
    }

    /// The columns ``read(_:)`` reads, of the jobs table aliased `j`.
    static let columns = "j.phase, j.progress_done, j.progress_total, j.progress_at"

    /// The progress in `row` (see ``columns``); nil when none was recorded.
    static func read(_ row: PostgresRow) throws -> LiveProgress? {
        guard let phase = row["phase"] else { return nil }
        return LiveProgress(phase: phase, done: try row.optionalInt("progress_done") ?? 0, total: try row.optionalInt("progress_total"),
                            changedAt: try row.optionalDate("progress_at"))
    }
}
