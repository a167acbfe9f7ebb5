import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into a CalDAV server (RFC 4791): the account's calendar collection is
/// `collectionTemplate` with `{account}` filled in (created with MKCALENDAR when missing, judged
/// by the PROPFIND's per-response status, and again when a PUT finds it gone), and
/// each item (a UID: master with its RECURRENCE-ID overrides, plus the VTIMEZONEs it uses) is
/// one resource under a name derived from its UID, PUT with `If-None-Match: *` so that a
/// retried account never duplicates anything. Up to ``parallelPuts`` PUTs of one account run
/// at once. By default every ORGANIZER and ATTENDEE carries `SCHEDULE-AGENT=CLIENT`
/// (RFC 6638), so the server sends no invitations.
///
/// Modes: `merge` updates an existing resource with `If-Match` when the file's version is
/// newer (higher SEQUENCE, then later DTSTAMP/LAST-MODIFIED); `skip-existing` leaves it;
/// `replace` deletes the collection's other resources (PROPFIND depth 1, DELETE) and
/// overwrites the rest.
///
/// Every request that creates something survives a lost answer (the server applied it, the
/// answer never came, ``RequestSender`` sends it again): a repeated MKCALENDAR answered
/// `resource-must-be-null` or 405 means the calendar exists, a repeated `If-None-Match: *` PUT
/// answered 412 means the item exists (merge then compares versions), a repeated DELETE
/// answered 404 means it is gone. A UID the server already keeps under another resource name
/// (CalDAV `no-uid-conflict`) is reported per item, never skipped silently.
///
/// Cancellation is asked before the deletions of `replace` and before each item's PUT.
public struct CalDAVTarget: CalendarTarget {
    /// The collection URL with `{account}` in it.
    public let collectionTemplate: String
    let credentials: TargetCredentials?
    let sender: RequestSender
    /// Whether to leave scheduling to the server (`invitations=server`); default false.
    public var serverScheduling = false
    /// PUTs of one account in flight at most. Default 4.
    public var parallelPuts = 4

    public init(collectionTemplate: String, credentials: TargetCredentials?, sender: RequestSender) {
        self.collectionTemplate = collectionTemplate
        self.credentials = credentials
        self.sender = sender
    }

    /// A target sending through `httpClient` with a throttle of its own.
    public init(collectionTemplate: String, credentials: TargetCredentials?, httpClient: HTTPClient) {
        self.init(collectionTemplate: collectionTemplate, credentials: credentials,
                  sender: RequestSender(httpClient: httpClient, throttle: HostThrottle(configuration: .init())))
    }

    public func importCalendar(
        _ calendar: SpooledCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck,
        progress: ImportProgress, logger: Logger
    ) throws -> TargetImportResult {
        let collection = collectionURL(for: account)
        try ensureCollection(collection, account: account, logger: logger)
        if mode == .replace {
            if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
            var keeping = Set<String>()
            for index in 0..<calendar.count { keeping.insert(CalDAVResourceName.forUID(try calendar.item(at: index).uid)) }
            try deleteOthers(in: collection, keeping: keeping, account: account)
        }
        let results = ResultCollector()
        let finished = try ParallelItems.forEach(calendar.count, width: parallelPuts, cancellation: cancellation) { index in
            // One item at a time, read back from the spool: memory holds the items in flight only.
            let outcome = try put(try calendar.item(at: index), of: calendar, into: collection, account: account, mode: mode, logger: logger)
            results.add(outcome)
            progress.pushed(outcome)
        }
        var result = results.result
        result.cancelled = !finished
        return result
    }

    /// The collection URL of `account`, ending in `/`.
    public func collectionURL(for account: String) -> String {
        let encoded = account.addingPercentEncoding(withAllowedCharacters: Self.pathSegmentCharacters) ?? account
        let url = collectionTemplate.replacingOccurrences(of: "{account}", with: encoded)
        return url.hasSuffix("/") ? url : url + "/"
    }

    /// Sends one request; answers that fail the whole account (401, 403 without a DAV
    /// precondition, 404 on a PUT's collection) are thrown.
    func send(
        _ method: String, _ url: String, body: Data? = nil, precondition: (String, String)? = nil, depth: String? = nil,
        account: String, uid: String?
    ) throws -> HTTPResponse {
        var headers: [(String, String)] = []
        if body != nil { headers.append(("Content-Type", method == "PUT" ? "text/calendar; charset=utf-8" : "application/xml; charset=utf-8")) }
        if let precondition { headers.append(precondition) }
        if let depth { headers.append(("Depth", depth)) }
        let action = uid.map { "\(method) of UID \($0)" } ?? method
        let response = try sender.send(HTTPRequest(method: method, url: url, headers: headers, body: body, credentials: credentials),
                                       account: account, action: action)
        // A 403 naming a precondition (Cyrus' no-uid-conflict, Xandikos' resource-must-be-null on a
        // repeated MKCALENDAR) refuses this request, not the credentials.
        let isPrecondition = response.status == 403 && DAVErrorBody(response.body).isPrecondition
        if response.status == 401 || (response.status == 403 && !isPrecondition) || (response.status == 404 && method == "PUT") {
            throw CalendarTargetError.fromResponse(response, account: account, action: action)
        }
        return response
    }

    static let pathSegmentCharacters: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return allowed
    }()

    static let resourceTypeQuery = """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>
        """
}

/// Adds up per-item results from parallel PUTs.
private final class ResultCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var total = TargetImportResult()

    func add(_ result: TargetImportResult) {
        lock.withLock {
            total.imported += result.imported
            total.skipped += result.skipped
            total.failed += result.failed
            total.itemErrors += result.itemErrors
        }
    }

    var result: TargetImportResult { lock.withLock { total } }
}
