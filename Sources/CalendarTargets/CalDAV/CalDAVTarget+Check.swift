import Foundation
import HTTPTransport
import Logging

extension CalDAVTarget: TargetCheck {
    /// PROPFIND (depth 0) of the part of the URL before `{account}` — reached and authenticated —
    /// and with `account`, of its calendar collection, else of the account's home (the calendar
    /// is created at import time when only the home exists).
    public func check(account: String?, logger: Logger) throws -> [String] {
        let base = String(collectionTemplate[..<(collectionTemplate.range(of: "{account}")?.lowerBound ?? collectionTemplate.endIndex)])
        var verified: [String] = []
        let root = try propfind(base, account: account ?? "target", action: "PROPFIND of \(base)")
        guard root.status == 207 || root.status == 200 || root.status == 404 else {
            throw CalendarTargetError.fromResponse(root, account: account ?? "target", action: "PROPFIND of \(base)")
        }
        verified.append("reached \(base) and authenticated\(credentials == nil ? " (no credentials set)" : " as \(credentials!.user)") (HTTP \(root.status))")
        guard let account else { return verified }
        let collection = collectionURL(for: account)
        let found = try propfind(collection, account: account, action: "PROPFIND of the calendar")
        guard let exists = Self.propfindFinds(found, url: collection) else {
            throw CalendarTargetError.fromResponse(found, account: account, action: "PROPFIND of the calendar")
        }
        if exists {
            verified.append("\(account): calendar found at \(collection)")
            return verified
        }
        let home = URL(string: collection)?.deletingLastPathComponent().absoluteString ?? collection
        let parent = try propfind(home, account: account, action: "PROPFIND of the account's home")
        guard Self.propfindFinds(parent, url: home) == true else {
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, httpStatus: parent.status,
                                      message: "\(account): neither the calendar \(collection) nor the account's home \(home) exists (HTTP \(parent.status))")
        }
        verified.append("\(account): home \(home) found; the calendar \(collection) does not exist yet and will be created at import")
        return verified
    }

    private func propfind(_ url: String, account: String, action: String) throws -> HTTPResponse {
        let request = HTTPRequest(
            method: "PROPFIND", url: url,
            headers: [("Depth", "0"), ("Content-Type", "application/xml; charset=utf-8")],
            body: Data(Self.resourceTypeQuery.utf8), credentials: credentials, timeout: 20)
        do {
            return try sender.httpClient.perform(request)
        } catch let error as HTTPTransportError {
            throw CalendarTargetError.fromTransport(error, account: account, action: action)
        }
    }
}
