import Foundation

/// A request as the sandbox's protocol handlers see it: no framework types, so they are plain
/// functions of their input.
public struct SandboxRequest: Sendable {
    /// The method, uppercased.
    public var method: String
    /// The percent-decoded path.
    public var path: String
    /// Query parameters (decoded); the last of repeated names wins.
    public var query: [String: String]
    /// Header fields by lowercased name; repeated fields joined with ", ".
    public var headers: [String: String]
    /// The body.
    public var body: Data

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: Data = Data()) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $0 + ", " + $1 })
        self.body = body
    }

    /// The value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The user and password of a `Basic` Authorization header.
    public var basicCredentials: (user: String, password: String)? {
        guard let value = header("authorization"), value.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(value.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// The value of cookie `name`.
    public func cookie(_ name: String) -> String? {
        guard let header = header("cookie") else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }
}
