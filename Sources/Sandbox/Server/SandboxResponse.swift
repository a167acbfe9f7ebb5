import Foundation

/// What a protocol handler answers.
public struct SandboxResponse: Sendable {
    /// The HTTP status.
    public var status: Int
    /// Header fields in order.
    public var headers: [(String, String)]
    /// The body.
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A text response.
    public static func text(_ status: Int, _ text: String, contentType: String = "text/plain; charset=utf-8",
                            headers: [(String, String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", contentType)] + headers, body: Data(text.utf8))
    }

    /// A JSON response of an encodable value (keys sorted).
    public static func json<Value: Encodable>(_ status: Int, _ value: Value) -> SandboxResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(value)) ?? Data("null".utf8)
        return SandboxResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
    }
}
