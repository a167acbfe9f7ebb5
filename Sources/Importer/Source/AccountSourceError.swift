/// The accounts of a submit could not be determined: an unreadable list, a failing
/// accounts command, a bad map or template. The CLI maps it to the "source problem" exit code.
public struct AccountSourceError: Error, Sendable, CustomStringConvertible {
    /// One line saying what is wrong and what to do.
    public var message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
