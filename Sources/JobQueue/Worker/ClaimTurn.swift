/// What one turn of a worker's claim loop did: ``JobQueue/recordAndClaim(_:limit:workerID:leaseDuration:)``.
public struct ClaimTurn: Sendable, Equatable {
    /// How many of the outcomes given took effect (the others' leases were gone).
    public var recorded: Int
    /// The jobs claimed, in id order.
    public var claimed: [ClaimedJob]

    public init(recorded: Int, claimed: [ClaimedJob]) {
        self.recorded = recorded
        self.claimed = claimed
    }
}
