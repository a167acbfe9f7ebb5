import Foundation

/// The response to an ``HTTPRequest``.
public struct HTTPResponse: Sendable {
    /// The status code of the final response.
    public var status: Int
    /// Header fields of the final response, in order (name, value).
    public var headers: [(String, String)]
    /// The body.
    public var body: Data
    /// Seconds from the start of the request to the end of the response.
    public var duration: Double

    public init(status: Int, headers: [(String, String)], body: Data, duration: Double = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.duration = duration
    }

    /// The value of the first header field named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The values of every header field named `name` (case-insensitive), in order.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.0.caseInsensitiveCompare(name) == .orderedSame }.map(\.1)
    }

    /// The value of cookie `name` set by a `Set-Cookie` field, if any.
    public func cookie(_ name: String) -> String? {
        for field in headers(named: "Set-Cookie") {
            let pair = field.split(separator: ";", maxSplits: 1).first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]) }
        }
        return nil
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as text (UTF-8, lossy), cut to `limit` characters, for error messages.
    public func bodyExcerpt(limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// `Retry-After` in seconds (delta-seconds form, or an HTTP date), if present.
    public var retryAfter: Double? {
        guard let value = header("Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}
