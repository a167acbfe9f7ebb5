/// An error from the job queue that is not a plain database error.
public struct JobQueueError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A batch of that name exists with a different target or window.
        public static let batchConflict = Code("batchConflict")
        /// No batch of that name exists.
        public static let batchNotFound = Code("batchNotFound")
        /// The batch still has pending or running jobs.
        public static let batchUnfinished = Code("batchUnfinished")
        /// The request could not be carried out as given.
        public static let invalidRequest = Code("invalidRequest")
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
