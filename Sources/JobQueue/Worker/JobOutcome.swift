import Foundation
import ICalendar

/// The end of one attempt at a claimed job, ready to be recorded.
public struct JobOutcome: Sendable, Equatable {
    /// How the attempt ended.
    public enum Result: Sendable, Equatable {
        /// The account's calendar was imported (item errors may still list single items).
        case succeeded
        /// The attempt failed; retry decides whether the job goes back to pending.
        case failed(JobFailure, retryDelay: Duration)
    }

    /// The job and the lease it was held under.
    public var job: ClaimedJob
    /// How the attempt ended.
    public var result: Result
    /// What the attempt did.
    public var counters: JobCounters
    /// Items that could not be imported.
    public var itemErrors: [ItemError]
    /// When the attempt ended.
    public var finishedAt: Date

    public init(job: ClaimedJob, result: Result, counters: JobCounters, itemErrors: [ItemError] = [], finishedAt: Date = Date()) {
        self.job = job
        self.result = result
        self.counters = counters
        self.itemErrors = itemErrors
        self.finishedAt = finishedAt
    }
}
