/// What a submit did.
public struct SubmitResult: Sendable, Equatable {
    /// The batch (created now, or found).
    public var batch: Batch
    /// Whether the batch was created by this submit.
    public var batchCreated: Bool
    /// Accounts given to this submit.
    public var accountsGiven: Int
    /// Accounts that were not in the batch yet and were enqueued now.
    public var accountsAdded: Int
}
