/// The metrics endpoint could not be set up.
public struct TelemetryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
