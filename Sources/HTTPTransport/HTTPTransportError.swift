/// A request that got no HTTP response: what went wrong at the transport level.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    /// The kind of transport failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The request took longer than its timeout.
        public static let timedOut = Code("timedOut")
        /// The host could not be resolved or reached, or the connection was reset.
        public static let connectionFailed = Code("connectionFailed")
        /// TLS could not be negotiated or the peer certificate was refused.
        public static let tlsFailed = Code("tlsFailed")
        /// The URL or the request could not be used.
        public static let invalidRequest = Code("invalidRequest")
        /// Any other libcurl failure.
        public static let other = Code("other")
    }

    /// The kind of transport failure.
    public var code: Code
    /// libcurl's result code.
    public var curlCode: Int
    /// libcurl's message.
    public var message: String

    public init(code: Code, curlCode: Int, message: String) {
        self.code = code
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String { "HTTP transport \(code) (curl \(curlCode)): \(message)" }
}
