import Foundation

/// A WebDAV `207 Multi-Status` body (RFC 4918 §13) read response by response: a 207 says only
/// that the answer is in the body, and each `response` carries its own status (Xandikos answers a
/// PROPFIND of a missing collection with a 207 whose one response is `404 Not Found`).
struct DAVMultistatus {
    /// One `DAV:response`: its href and every status in it (its own and its propstats').
    struct Response: Equatable {
        var href: String
        var statuses: [Int]
        /// Whether its `resourcetype` holds `collection`.
        var isCollection: Bool
        /// Its `calendar-data` (a calendar-multiget or calendar-query answer), unescaped.
        var calendarData: String?

        /// Whether the resource exists: some status in it is 2xx (a missing one has only 404s).
        var exists: Bool { statuses.contains { (200..<300).contains($0) } }

        /// The href as a percent-decoded path without a trailing slash (hrefs may be absolute URLs).
        var path: String { DAVMultistatus.normalizedPath(href) }
    }

    var responses: [Response] = []

    init(_ body: Data) {
        var current: Response?
        DAVTagScanner.scan(String(decoding: body, as: UTF8.self)) { tag in
            switch (tag.local, tag.isClosing) {
            case ("response", false): current = Response(href: "", statuses: [], isCollection: false)
            case ("collection", false): current?.isCollection = true
            case ("href", true) where current?.href.isEmpty == true: current?.href = tag.textBefore
            case ("status", true): if let status = Self.statusCode(tag.textBefore) { current?.statuses.append(status) }
            case ("calendar-data", true): current?.calendarData = tag.textBefore
            case ("response", true):
                if let done = current { responses.append(done) }
                current = nil
            default: break
            }
            return true
        }
    }

    /// The response about `url` (matched by path), else the only response there is.
    func response(for url: String) -> Response? {
        let path = Self.normalizedPath(url)
        return responses.first { $0.path == path } ?? (responses.count == 1 ? responses.first : nil)
    }

    /// `HTTP/1.1 404 Not Found` → 404.
    static func statusCode(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }

    static func normalizedPath(_ href: String) -> String {
        var path = href.contains("://") ? (URLComponents(string: href)?.percentEncodedPath ?? href) : href
        path = path.removingPercentEncoding ?? path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
