import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into a CalDAV server (RFC 4791): the account's calendar collection is
/// `collectionTemplate` with `{account}` filled in (created with MKCALENDAR when missing), and
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
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck, logger: Logger
    ) throws -> TargetImportResult {
        let collection = collectionURL(for: account)
        try ensureCollection(collection, account: account, logger: logger)
        if mode == .replace {
            if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
            try deleteOthers(in: collection, keeping: Set(calendar.items.map { CalDAVResourceName.forUID($0.uid) }), account: account)
        }
        let results = ResultCollector()
        let items = calendar.items
        let finished = try ParallelItems.forEach(items.count, width: parallelPuts, cancellation: cancellation) { index in
            let outcome = try put(items[index], of: calendar, into: collection, account: account, mode: mode)
            results.add(outcome)
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

    private func put(
        _ original: CalendarItem, of calendar: FilteredCalendar, into collection: String, account: String, mode: ImportMode
    ) throws -> TargetImportResult {
        let item = serverScheduling ? original : ScheduleAgent.clientScheduled(original)
        let url = collection + CalDAVResourceName.forUID(item.uid)
        let body = calendar.serialized(item: item)
        let count = item.components.count
        let precondition = mode == .replace ? nil : ("If-None-Match", "*")
        let response = try send("PUT", url, body: body, precondition: precondition, account: account, uid: item.uid)
        switch classify(response) {
        case .stored: return TargetImportResult(imported: count)
        case .exists where mode == .merge: return try update(item, body: body, at: url, account: account)
        case .exists, .sameUIDElsewhere: return TargetImportResult(skipped: count)
        case .refused(let reason): return Self.refused(item, reason)
        }
    }

    /// Merge into an existing resource: overwrite it with `If-Match` when ours is newer.
    private func update(_ item: CalendarItem, body: Data, at url: String, account: String) throws -> TargetImportResult {
        let count = item.components.count
        let current = try send("GET", url, account: account, uid: item.uid)
        guard current.status == 200, let etag = current.header("ETag") else { return TargetImportResult(skipped: count) }
        guard ItemVersion(item.components) > ItemVersion(data: current.body) else { return TargetImportResult(skipped: count) }
        let response = try send("PUT", url, body: body, precondition: ("If-Match", etag), account: account, uid: item.uid)
        switch classify(response) {
        case .stored: return TargetImportResult(imported: count)
        case .exists, .sameUIDElsewhere: return TargetImportResult(skipped: count)  // changed meanwhile: the other writer wins
        case .refused(let reason): return Self.refused(item, reason)
        }
    }

    private enum PutOutcome { case stored, exists, sameUIDElsewhere, refused(String) }

    private func classify(_ response: HTTPResponse) -> PutOutcome {
        let body = String(decoding: response.body, as: UTF8.self)
        switch response.status {
        case 200..<300: return .stored
        case 412: return .exists
        case 409 where body.contains("no-uid-conflict"): return .sameUIDElsewhere
        case 400 where body.contains("already exists"): return .sameUIDElsewhere  // Nextcloud's answer to a duplicate UID
        default: return .refused("refused by the server (HTTP \(response.status)): \(response.bodyExcerpt(limit: 160))")
        }
    }

    private static func refused(_ item: CalendarItem, _ reason: String) -> TargetImportResult {
        TargetImportResult(failed: item.components.count, itemErrors: [TargetItemError(uid: item.uid, recurrenceID: nil, reason: reason)])
    }

    /// `replace`: deletes every resource of the collection whose name is not in `keeping`.
    private func deleteOthers(in collection: String, keeping: Set<String>, account: String) throws {
        let listing = try send("PROPFIND", collection, body: Data(Self.resourceTypeQuery.utf8), depth: "1", account: account, uid: nil)
        guard listing.status == 207 else { throw CalendarTargetError.fromResponse(listing, account: account, action: "PROPFIND depth 1") }
        let path = URLComponents(string: collection)?.path ?? collection
        let names = XMLText.elements("href", in: String(decoding: listing.body, as: UTF8.self))
            .filter { $0 != path && $0 != collection && !$0.hasSuffix("/") }
            .compactMap { $0.split(separator: "/").last.map(String.init) }
        for name in names where !keeping.contains(name) && !keeping.contains(name.removingPercentEncoding ?? name) {
            let response = try send("DELETE", collection + name, account: account, uid: nil)
            guard response.isSuccess || response.status == 404 else {
                throw CalendarTargetError.fromResponse(response, account: account, action: "DELETE of \(name)")
            }
        }
    }

    /// Makes sure the account's calendar collection exists: PROPFIND it, MKCALENDAR when missing.
    private func ensureCollection(_ collection: String, account: String, logger: Logger) throws {
        let found = try send("PROPFIND", collection, body: Data(Self.resourceTypeQuery.utf8), depth: "0", account: account, uid: nil)
        if found.status == 207 || found.status == 200 { return }
        guard found.status == 404 else {
            throw CalendarTargetError.fromResponse(found, account: account, action: "PROPFIND of the calendar")
        }
        let created = try send("MKCALENDAR", collection, account: account, uid: nil)
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

    /// Sends one request; answers that fail the whole account (401, 403 without a CalDAV
    /// precondition, 404 on a PUT's collection) are thrown.
    private func send(
        _ method: String, _ url: String, body: Data? = nil, precondition: (String, String)? = nil, depth: String? = nil,
        account: String, uid: String?
    ) throws -> HTTPResponse {
        var headers: [(String, String)] = []
        if body != nil { headers.append(("Content-Type", method == "PUT" ? "text/calendar; charset=utf-8" : "application/xml; charset=utf-8")) }
        if let precondition { headers.append(precondition) }
        if let depth { headers.append(("Depth", depth)) }
        let action = uid.map { "\(method) of UID \($0)" } ?? method
        let response = try sender.send(HTTPRequest(method: method, url: url, headers: headers, body: body, credentials: credentials?.basicAuth),
                                       account: account, action: action)
        let isPrecondition = String(decoding: response.body.prefix(2000), as: UTF8.self).contains("urn:ietf:params:xml:ns:caldav")
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
