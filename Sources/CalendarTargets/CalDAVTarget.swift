import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into a CalDAV server: the account's calendar collection is
/// `collectionTemplate` with `{account}` filled in (created with MKCALENDAR when missing), and
/// each item (a UID: master with its RECURRENCE-ID overrides, plus the VTIMEZONEs it uses) is
/// one resource, `PUT` with `If-None-Match: *` under a name derived from its UID. A 412 means
/// the resource is already there: a retried account never duplicates anything.
public struct CalDAVTarget: CalendarTarget {
    /// The collection URL with `{account}` in it.
    public let collectionTemplate: String
    let credentials: TargetCredentials?
    let httpClient: HTTPClient

    public init(collectionTemplate: String, credentials: TargetCredentials?, httpClient: HTTPClient) {
        self.collectionTemplate = collectionTemplate
        self.credentials = credentials
        self.httpClient = httpClient
    }

    public func importCalendar(
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, logger: Logger
    ) throws -> TargetImportResult {
        let collection = collectionURL(for: account)
        try ensureCollection(collection, account: account, logger: logger)
        var result = TargetImportResult()
        for item in calendar.items {
            try put(item, of: calendar, into: collection, account: account, result: &result)
        }
        return result
    }

    /// The collection URL of `account`, ending in `/`.
    public func collectionURL(for account: String) -> String {
        let encoded = account.addingPercentEncoding(withAllowedCharacters: Self.pathSegmentCharacters) ?? account
        let url = collectionTemplate.replacingOccurrences(of: "{account}", with: encoded)
        return url.hasSuffix("/") ? url : url + "/"
    }

    private func put(
        _ item: CalendarItem, of calendar: FilteredCalendar, into collection: String, account: String,
        result: inout TargetImportResult
    ) throws {
        let request = HTTPRequest(
            method: "PUT", url: collection + CalDAVResourceName.forUID(item.uid),
            headers: [("Content-Type", "text/calendar; charset=utf-8"), ("If-None-Match", "*")],
            body: calendar.serialized(item: item), credentials: credentials?.basicAuth)
        let response = try send(request, account: account, action: "PUT of UID \(item.uid)")
        let components = item.components.count
        switch response.status {
        case 200..<300:
            result.imported += components
        case 412:
            result.skipped += components
        case 409 where String(decoding: response.body, as: UTF8.self).contains("no-uid-conflict"):
            result.skipped += components  // the UID is already stored under another resource name
        case 401, 403, 404, 408, 423, 429, 500...599:
            throw CalendarTargetError.fromResponse(response, account: account, action: "PUT of UID \(item.uid)")
        default:
            result.failed += components
            result.itemErrors.append(TargetItemError(
                uid: item.uid, recurrenceID: nil,
                reason: "refused by the server (HTTP \(response.status)): \(response.bodyExcerpt(limit: 160))"))
        }
    }

    /// Makes sure the account's calendar collection exists: PROPFIND it, MKCALENDAR when missing.
    private func ensureCollection(_ collection: String, account: String, logger: Logger) throws {
        let probe = HTTPRequest(
            method: "PROPFIND", url: collection,
            headers: [("Depth", "0"), ("Content-Type", "application/xml; charset=utf-8")],
            body: Data(Self.resourceTypeQuery.utf8), credentials: credentials?.basicAuth)
        let found = try send(probe, account: account, action: "PROPFIND of the calendar")
        if found.status == 207 || found.status == 200 { return }
        guard found.status == 404 else {
            throw CalendarTargetError.fromResponse(found, account: account, action: "PROPFIND of the calendar")
        }
        let create = HTTPRequest(method: "MKCALENDAR", url: collection, credentials: credentials?.basicAuth)
        let created = try send(create, account: account, action: "MKCALENDAR")
        switch created.status {
        case 200..<300, 405:
            logger.info("caldav.collection.created", metadata: ["account": "\(account)"])
        case 409:
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, httpStatus: 409,
                                      message: "\(account): the account's home collection does not exist on the CalDAV server (MKCALENDAR answered 409)")
        default:
            throw CalendarTargetError.fromResponse(created, account: account, action: "MKCALENDAR")
        }
    }

    private func send(_ request: HTTPRequest, account: String, action: String) throws -> HTTPResponse {
        do {
            return try httpClient.perform(request)
        } catch let error as HTTPTransportError {
            throw CalendarTargetError.fromTransport(error, account: account, action: action)
        }
    }

    static let pathSegmentCharacters: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return allowed
    }()

    static let resourceTypeQuery = """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>
        """
}
