import Foundation

/// A parsed target URL: the kind of node and where it is. Never holds credentials.
public struct TargetURL: Sendable, Equatable, CustomStringConvertible {
    /// The kinds of node calimport can import into.
    public enum Kind: String, Sendable {
        /// `file:///DIR`: writes `DIR/<account>.ics`.
        case file
        /// `caldav+http(s)://HOST[:PORT]/PATH` with `{account}` in the path.
        case caldav
    }

    /// The kind of node.
    public var kind: Kind
    /// The URL the connector talks to: a directory path for `file`, an http(s) URL template for the others.
    public var location: String

    /// Parses `text`. Refuses credentials inside the URL: they belong in the environment.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw Self.invalid(text, "expected SCHEME://…, e.g. file:///srv/out or caldav+http://host:5232/{account}/calendar/")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        let rest = String(trimmed[schemeEnd.upperBound...])
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if authority.contains("@") {
            throw Self.invalid(Self.redact(text), "credentials do not belong in the URL; set CALIMPORT_TARGET_USER and CALIMPORT_TARGET_PASSWORD (or CALIMPORT_TARGET_PASSWORD_FILE)")
        }
        switch scheme {
        case "file":
            guard rest.hasPrefix("/"), rest.count > 1 else { throw Self.invalid(text, "file targets look like file:///absolute/dir") }
            self.kind = .file
            self.location = rest
        case "caldav+http", "caldav+https":
            guard rest.contains("{account}") else {
                throw Self.invalid(text, "the CalDAV path must contain {account}, e.g. caldav+http://host:5232/{account}/calendar/")
            }
            self.kind = .caldav
            self.location = String(scheme.dropFirst("caldav+".count)) + "://" + rest
        default:
            throw Self.invalid(text, "unknown scheme '\(scheme)' (supported: file, caldav+http, caldav+https)")
        }
    }

    /// The URL as stored and shown: scheme and location, no credentials.
    public var description: String {
        switch kind {
        case .file: return "file://" + location
        case .caldav: return "caldav+" + location
        }
    }

    /// `text` with any `user:password@` removed, safe to show or store.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<schemeEnd.upperBound]) + String(rest[rest.index(after: at)...])
    }

    private static func invalid(_ text: String, _ reason: String) -> CalendarTargetError {
        CalendarTargetError(code: .invalidTarget, isTransient: false, message: "target \(text): \(reason)")
    }
}
