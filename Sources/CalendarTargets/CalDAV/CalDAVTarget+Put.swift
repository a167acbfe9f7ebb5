import Foundation
import HTTPTransport
import ICalendar
import Logging

extension CalDAVTarget {
    /// What a PUT's answer means.
    enum PutOutcome: Equatable {
        case stored
        /// 412 without a precondition body: the resource exists (an earlier run, or this PUT's own
        /// lost answer) or, for `If-Match`, changed meanwhile.
        case exists
        /// CalDAV `no-uid-conflict` (RFC 4791 §5.3.2.1): another resource of the calendar holds the
        /// UID; Xandikos answers 412, Radicale and Nextcloud 409, Cyrus 403, each with the
        /// precondition in the body, which may name that resource.
        case sameUIDElsewhere(status: Int, href: String?)
        /// 409 without a precondition: the calendar collection is gone (RFC 4918 §9.7.1).
        case collectionMissing
        case refused(String)
    }

    /// PUTs one item; when the collection turns out missing (409), creates it and tries once more.
    func put(
        _ original: CalendarItem, of calendar: SpooledCalendar, into collection: String, account: String, mode: ImportMode,
        logger: Logger
    ) throws -> TargetImportResult {
        let item = serverScheduling ? original : ScheduleAgent.clientScheduled(original)
        let url = collection + CalDAVResourceName.forUID(item.uid)
        let body = calendar.serialized(item: item)
        let precondition = mode == .replace ? nil : ("If-None-Match", "*")
        var outcome = Self.classify(try send("PUT", url, body: body, precondition: precondition, account: account, uid: item.uid))
        if outcome == .collectionMissing {
            logger.warning("caldav.collection.missing", metadata: ["account": "\(account)", "uid": "\(item.uid)"])
            try ensureCollection(collection, account: account, logger: logger)
            outcome = Self.classify(try send("PUT", url, body: body, precondition: precondition, account: account, uid: item.uid))
        }
        let count = item.components.count
        switch outcome {
        case .stored: return TargetImportResult(imported: count)
        case .exists where mode == .merge: return try update(item, body: body, at: url, account: account)
        case .exists: return TargetImportResult(skipped: count)
        case .sameUIDElsewhere(let status, let href): return Self.refused(item, Self.sameUIDReason(status: status, href: href))
        case .collectionMissing: return Self.refused(item, "refused by the server (HTTP 409): the calendar \(collection) is missing even after MKCALENDAR")
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
        switch Self.classify(response) {
        case .stored: return TargetImportResult(imported: count)
        case .exists: return TargetImportResult(skipped: count)  // changed meanwhile, or our own lost answer: the stored one stays
        case .sameUIDElsewhere(let status, let href): return Self.refused(item, Self.sameUIDReason(status: status, href: href))
        case .collectionMissing: return Self.refused(item, "refused by the server (HTTP 409): \(response.bodyExcerpt(limit: 160))")
        case .refused(let reason): return Self.refused(item, reason)
        }
    }

    static func classify(_ response: HTTPResponse) -> PutOutcome {
        let error = DAVErrorBody(response.body)
        if error.names("no-uid-conflict") { return .sameUIDElsewhere(status: response.status, href: error.hrefs.first) }
        switch response.status {
        case 200..<300: return .stored
        case 412 where !error.isPrecondition: return .exists
        case 409 where !error.isPrecondition: return .collectionMissing
        case 400 where String(decoding: response.body, as: UTF8.self).contains("already exists"):
            return .sameUIDElsewhere(status: 400, href: nil)  // Nextcloud's older answer to a duplicate UID
        default: return .refused("refused by the server (HTTP \(response.status)): \(response.bodyExcerpt(limit: 160))")
        }
    }

    static func sameUIDReason(status: Int, href: String?) -> String {
        "the server already holds this UID in another resource of the calendar\(href.map { " (\($0))" } ?? "") and refused a second one "
            + "(CalDAV no-uid-conflict, HTTP \(status)); that resource was left as it is"
    }

    static func refused(_ item: CalendarItem, _ reason: String) -> TargetImportResult {
        TargetImportResult(failed: item.components.count, itemErrors: [ItemError(uid: item.uid, recurrenceID: nil, reason: reason)])
    }
}
