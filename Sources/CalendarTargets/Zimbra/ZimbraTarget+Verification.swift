import Foundation
import HTTPTransport
import ICalendar

/// The import POST and what the server holds afterwards.
extension ZimbraTarget {
    /// Posts `calendar` with `ignore=1` (Zimbra/zm-mailbox UserServletContext.java:343-352:
    /// without it the import stops at the first component it cannot store). Returns the answer
    /// when it is a success or a 5xx other than overload: a 500 may follow a partial import
    /// (each component is its own transaction, Mailbox.java:5841-5897), so it is verified, not
    /// re-sent blindly. Overload answers (408, 429, 503, 504) are retried by the sender.
    /// The items at `indices` (all when nil) are streamed from the spool.
    func postImport(_ calendar: SpooledCalendar, items indices: [Int]?, account: String) throws -> HTTPResponse {
        var form = MultipartBody()
        form.addFile(name: "file", filename: "calendar.ics", contentType: "text/calendar; charset=utf-8", content: try calendar.upload(of: indices))
        let action = "REST import into \(folder)"
        let response = try rest("POST", account, query: "fmt=ics&ignore=1", headers: [("Content-Type", form.contentType)], upload: form.upload,
                                timeout: 600, action: action,
                                isTransient: { [408, 429, 503, 504].contains($0.status) })
        switch response.status {
        case 200...299, 500...599:
            return response
        case 401 where !isBasicAuth:
            // UserServlet.java:345-366 (`sendError`): a cookie-authenticated POST without a CSRF
            // token answers 401 for a missing folder, no right on it, or an account in
            // maintenance or inactive (:860-863), as for an expired token: after a fresh token
            // it is one of those.
            throw CalendarTargetError(
                code: .accountNotFound, isTransient: false, httpStatus: 401,
                message: "\(account): \(action) answered 401 after a fresh token: the folder /\(folder) may not exist, or the account may be locked, "
                    + "in maintenance or inactive, or lack the right to write there (Zimbra answers all of these 401 to a token-authenticated POST); "
                    + "`calimport check --account \(account)` tells a missing folder apart")
        default:
            throw CalendarTargetError.fromResponse(response, account: account, action: action)
        }
    }

    /// What the folder holds now: the REST export without a range, which is every appointment
    /// of the folder (IcsFormatter.java:77-93).
    func heldComponents(_ account: String) throws -> ZimbraStoredComponents {
        let action = "REST export of /\(folder)"
        let response = try rest("GET", account, query: "fmt=ics", timeout: 600, action: action)
        guard response.status == 200 else { throw CalendarTargetError.fromResponse(response, account: account, action: action) }
        do {
            return try ZimbraStoredComponents(export: response.body)
        } catch {
            throw CalendarTargetError(code: .serverError, isTransient: true, httpStatus: response.status,
                                      message: "\(account): \(action) answered something that is not iCalendar: \(error)", underlying: error)
        }
    }

    /// Compares what was sent with what the folder holds after the import answered `answer`:
    /// each component held with the SEQUENCE sent is imported, one held with a newer SEQUENCE
    /// is skipped (the server keeps the newer version), any other is a per-event error. After a
    /// 5xx of which nothing sent is held, the answer is thrown (transient): nothing to verify.
    /// The items sent (`indices`, all when nil) are read back from the spool one at a time.
    func verify(_ calendar: SpooledCalendar, items indices: [Int]?, account: String, answer: HTTPResponse) throws -> TargetImportResult {
        let held = try heldComponents(account)
        let stopped = (500...599).contains(answer.status)
        var result = TargetImportResult()
        for index in indices ?? Array(0..<calendar.count) {
            let item = try calendar.item(at: index)
            let overrides = item.components.filter { $0.first("RECURRENCE-ID") != nil }.count
            for component in item.components {
                let sent = ZimbraStoredComponents.sequence(of: component)
                let kept = held.sequence(of: component, uid: item.uid, sentOverrides: overrides)
                switch kept {
                case .some(let sequence) where sequence == sent: result.imported += 1
                case .some(let sequence) where sequence > sent: result.skipped += 1
                default:
                    result.failed += 1
                    result.itemErrors.append(ItemError(
                        uid: item.uid, recurrenceID: component.first("RECURRENCE-ID")?.value,
                        reason: Self.notStoredReason(held: kept, sent: sent, answer: stopped ? answer : nil)))
                }
            }
        }
        if stopped, result.imported == 0, result.skipped == 0 {
            throw CalendarTargetError.fromResponse(answer, account: account, action: "REST import into \(folder)")
        }
        return result
    }

    private static func notStoredReason(held: Int?, sent: Int, answer: HTTPResponse?) -> String {
        if let answer {
            return "not stored by the server: the import stopped with HTTP \(answer.status) (\(answer.bodyExcerpt(limit: 120)))"
        }
        if let held {
            return "not stored by the server: it keeps SEQUENCE \(held), older than the \(sent) sent (refused or ignored by Zimbra's import)"
        }
        return "not stored by the server (refused or ignored by Zimbra's import: an error, a series with no instances, or a VJOURNAL)"
    }
}
