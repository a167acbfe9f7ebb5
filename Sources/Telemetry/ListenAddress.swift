/// Where a calimport HTTP server listens: `HOST:PORT` as given on the command line
/// (`--metrics-listen`, `sandbox --listen`); the host may be a name, an IPv4 address or a
/// bracketless IPv6 address (the last colon separates the port).
public struct ListenAddress: Sendable, Equatable {
    /// The host or address to bind.
    public var host: String
    /// The TCP port (0: any free port).
    public var port: Int

    /// Parses `HOST:PORT`; throws ``TelemetryError`` naming the text otherwise.
    public init(parsing text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port), colon != text.startIndex else {
            throw TelemetryError(message: "'\(text)' is not HOST:PORT, e.g. 127.0.0.1:9464")
        }
        host = String(text[..<colon])
        self.port = port
    }
}
