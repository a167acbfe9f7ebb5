import Foundation

/// A parsed target URL: the kind of node, where it is and its options (query parameters such
/// as `folder`, `auth`, `admin-url`, `invitations`, `parallel`). Never holds credentials.
public struct TargetURL: Sendable, Equatable, CustomStringConvertible {
    /// The kinds of node calimport can import into.
    public enum Kind: String, Sendable, CaseIterable {
        /// `file:///DIR`: writes `DIR/<account>.ics`.
        case file
        /// `caldav+http(s)://HOST[:PORT]/PATH` with `{account}` in the path.
        case caldav
        /// `zimbra+http(s)://HOST[:PORT]` (alias `carbonio+…`): REST import into a folder.
        case zimbra
        /// `wcap+http(s)://HOST[:PORT]`: Sun/Oracle Calendar Server `import.wcap`.
        case wcap
        /// `bluemind+http(s)://HOST[:PORT]`: BlueMind's REST API.
        case bluemind
    }

    /// The kind of node.
    public var kind: Kind
    /// The URL the connector talks to without the query: a directory path for `file`, an
    /// http(s) URL (template, for CalDAV) for the others.
    public var location: String
    /// Query options, in the order given.
    public var options: [(String, String)]

    /// Parses `text`. Refuses credentials inside the URL: they belong in the environment.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw Self.invalid(text, "expected SCHEME://…, e.g. file:///srv/out or caldav+http://host:5232/{account}/calendar/")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        var rest = String(trimmed[schemeEnd.upperBound...])
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if authority.contains("@") {
            throw Self.invalid(Self.redact(text), "credentials do not belong in the URL; set them in the environment (see README, Credentials)")
        }
        options = []
        if let question = rest.firstIndex(of: "?") {
            options = Self.parseQuery(String(rest[rest.index(after: question)...]))
            rest = String(rest[..<question])
        }
        let parts = scheme.split(separator: "+", maxSplits: 1).map(String.init)
        switch (parts.first ?? "", parts.count == 2 ? parts[1] : "") {
        case ("file", ""):
            guard rest.hasPrefix("/"), rest.count > 1 else { throw Self.invalid(text, "file targets look like file:///absolute/dir") }
            kind = .file
            location = rest
        case ("caldav", let transport) where ["http", "https"].contains(transport):
            guard rest.contains("{account}") else {
                throw Self.invalid(text, "the CalDAV path must contain {account}, e.g. caldav+http://host:5232/{account}/calendar/")
            }
            kind = .caldav
            location = transport + "://" + rest
        case (let name, let transport) where ["http", "https"].contains(transport) && ["zimbra", "carbonio", "wcap", "bluemind"].contains(name):
            kind = name == "carbonio" ? .zimbra : Kind(rawValue: name)!
            location = transport + "://" + (rest.hasSuffix("/") ? String(rest.dropLast()) : rest)
        default:
            throw Self.invalid(text, "unknown scheme '\(scheme)' (supported: file, caldav+http(s), zimbra+http(s), carbonio+http(s), wcap+http(s), bluemind+http(s))")
        }
    }

    /// The value of option `name`, if given.
    public func option(_ name: String) -> String? {
        options.last { $0.0 == name }?.1
    }

    /// The URL as stored and shown: scheme, location and options, no credentials.
    public var description: String {
        let query = options.isEmpty ? "" : "?" + options.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        switch kind {
        case .file: return "file://" + location + query
        default: return kind.rawValue + "+" + location + query
        }
    }

    /// The same target with option `name` set to `value`.
    public func setting(_ name: String, to value: String) -> TargetURL {
        var copy = self
        copy.options.removeAll { $0.0 == name }
        copy.options.append((name, value))
        return copy
    }

    public static func == (lhs: TargetURL, rhs: TargetURL) -> Bool {
        lhs.description == rhs.description
    }

    /// `text` with any `user:password@` removed, safe to show or store.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...])
    }

    private static func parseQuery(_ query: String) -> [(String, String)] {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return (parts[0], parts.count == 2 ? parts[1] : "")
        }
    }

    private static func invalid(_ text: String, _ reason: String) -> CalendarTargetError {
        CalendarTargetError(code: .invalidTarget, isTransient: false, message: "target \(text): \(reason)")
    }
}
