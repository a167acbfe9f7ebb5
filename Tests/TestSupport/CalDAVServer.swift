import Foundation
import HTTPTransport

/// A real CalDAV server ops/test runs (Radicale, Xandikos), for tests parameterized over every
/// one of them: its URL, the credentials it wants, and plain HTTP helpers that share no code
/// with the connector (homes, raw PUTs, reading a calendar back resource by resource).
public struct CalDAVServer: Sendable, CustomStringConvertible {
    public let name: String
    let resolveURL: @Sendable () throws -> String
    /// Basic-auth credentials the server checks (none for Xandikos, which has no authentication).
    public let credentials: HTTPRequest.Credentials?

    public var description: String { name }

    public static let radicale = CalDAVServer(
        name: "Radicale", resolveURL: { try RadicaleServer.requireURL() },
        credentials: HTTPRequest.Credentials(user: RadicaleServer.user, password: RadicaleServer.password))
    public static let xandikos = CalDAVServer(name: "Xandikos", resolveURL: { try XandikosServer.requireURL() }, credentials: nil)

    /// A server at a known URL.
    public init(name: String, url: String, credentials: HTTPRequest.Credentials?) {
        self.init(name: name, resolveURL: { url }, credentials: credentials)
    }

    init(name: String, resolveURL: @escaping @Sendable () throws -> String, credentials: HTTPRequest.Credentials?) {
        self.name = name
        self.resolveURL = resolveURL
        self.credentials = credentials
    }

    /// The servers this run has (or requires: a required but missing one fails its tests).
    public static var available: [CalDAVServer] {
        (RadicaleServer.isEnabled ? [radicale] : []) + (XandikosServer.isEnabled ? [xandikos] : [])
    }

    /// The server's base URL, or an error when it is required but not running.
    public func requireURL() throws -> String { try resolveURL() }

    /// A fresh account name, so that tests can share one server.
    public static func uniqueAccount(_ prefix: String) -> String {
        "\(prefix)-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))@example.com"
    }

    /// `<server>/<account>/calendar/`, the collection the tests import into.
    public func collectionURL(for account: String) throws -> String {
        try "\(requireURL())/\(account)/calendar/"
    }

    /// Creates the account's home collection, as a real server has it before a migration.
    public func createHome(_ account: String) throws {
        let response = try perform("MKCOL", "\(requireURL())/\(account)/")
        guard [201, 405].contains(response.status) else {
            throw TestEnvironmentError("MKCOL of \(account)'s home answered \(response.status)")
        }
    }

    /// Sends one request straight to the server.
    public func perform(_ method: String, _ url: String, body: String? = nil, headers: [(String, String)] = []) throws -> HTTPResponse {
        var headers = headers
        if body != nil { headers.append(("Content-Type", method == "PUT" ? "text/calendar; charset=utf-8" : "application/xml; charset=utf-8")) }
        return try HTTPClient().perform(HTTPRequest(method: method, url: url, headers: headers, body: body.map { Data($0.utf8) }, credentials: credentials))
    }

    /// The resource names (last path segment, percent-decoded) of a collection, from PROPFIND depth 1.
    public func resourceNames(in collection: String) throws -> [String] {
        let query = #"<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>"#
        let response = try perform("PROPFIND", collection, body: query, headers: [("Depth", "1")])
        guard response.status == 207 else { throw TestEnvironmentError("PROPFIND \(collection) answered \(response.status)") }
        let text = String(decoding: response.body, as: UTF8.self)
        let path = URLComponents(string: collection)?.path ?? collection
        return text.components(separatedBy: "href>").dropFirst().enumerated().filter { $0.offset % 2 == 0 }
            .map { $0.element.prefix { $0 != "<" } }
            .map { String($0) }
            .filter { !$0.hasSuffix("/") && $0 != path }
            .compactMap { $0.split(separator: "/").last.map { String($0).removingPercentEncoding ?? String($0) } }
    }

    /// Every resource of a collection, fetched one by one with GET and joined: the calendar as
    /// the server holds it (Xandikos answers GET of a collection with an HTML page).
    public func readBack(_ collection: String) throws -> String {
        try resourceTexts(in: collection).map { $0 + "\r\n" }.joined()
    }

    /// The text of every resource of a collection, fetched one by one with GET.
    public func resourceTexts(in collection: String) throws -> [String] {
        try resourceNames(in: collection).map { name in
            let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~@"))) ?? name
            let response = try perform("GET", collection + encoded)
            guard response.status == 200 else { throw TestEnvironmentError("GET \(collection + encoded) answered \(response.status)") }
            return String(decoding: response.body, as: UTF8.self)
        }
    }
}
