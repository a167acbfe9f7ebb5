/// A recorded batch.
public struct Batch: Sendable, Equatable {
    /// The database id.
    public var id: Int
    /// What was submitted.
    public var definition: BatchDefinition
    /// Whether workers currently leave its jobs alone.
    public var paused: Bool

    public init(id: Int, definition: BatchDefinition, paused: Bool) {
        self.id = id
        self.definition = definition
        self.paused = paused
    }
}
