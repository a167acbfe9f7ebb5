import Foundation

/// A job a worker holds under a lease.
public struct ClaimedJob: Sendable, Equatable {
    /// The job id.
    public var id: Int
    /// The batch it belongs to.
    public var batchID: Int
    /// The account.
    public var account: String
    /// The account on the target (the same unless the batch's map renames it).
    public var targetAccount: String
    /// The lease: every later state change of the job must present it.
    public var leaseID: String
    /// Which attempt this is (1 for the first).
    public var attempt: Int
    /// When the worker claimed it.
    public var claimedAt: Date

    public init(id: Int, batchID: Int, account: String, targetAccount: String? = nil, leaseID: String, attempt: Int, claimedAt: Date) {
        self.id = id
        self.batchID = batchID
        self.account = account
        self.targetAccount = targetAccount ?? account
        self.leaseID = leaseID
        self.attempt = attempt
        self.claimedAt = claimedAt
    }
}
