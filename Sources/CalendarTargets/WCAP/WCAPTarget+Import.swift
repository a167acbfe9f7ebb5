import Foundation
import HTTPTransport
import ICalendar
import Logging

/// One `import.wcap` and the read that tells what landed (`fetchcomponents_by_range.wcap`).
extension WCAPTarget {
    /// What one import.wcap came to.
    enum ImportOutcome: Equatable {
        /// errno 0 (after one renewal of an expired session at most).
        case answered
        /// No answer, a 5xx, or an answer without errno: it may have landed, in whole or in part.
        case unknown(String)
    }

    /// Sends the items at `indices` of `calendar` once, streamed from the spool (no transport
    /// retry: a lost answer must be checked, not re-sent); throws the classified error of a failure errno.
    func importOnce(_ calendar: SpooledCalendar, items indices: [Int], account: String, logger: Logger) throws -> ImportOutcome {
        var form = MultipartBody()
        form.addFile(name: "Upload", filename: "calendar.ics", contentType: "text/calendar; charset=utf-8", content: try calendar.upload(of: indices))
        var errno = try postImport(form, account: account)
        if case .known(let value) = errno, WCAPErrno.reaction(to: value) == .relogin {
            logger.info("wcap.session.renewed", metadata: ["account": "\(account)"])
            errno = try postImport(form, account: account, renew: true)
        }
        guard case .known(let value) = errno else {
            if case .unknown(let reason) = errno { return .unknown(reason) }
            return .unknown("no answer")
        }
        switch WCAPErrno.reaction(to: value) {
        case .success:
            return .answered
        case .relogin:
            throw CalendarTargetError(code: .unauthorized, isTransient: false, message: "\(account): import.wcap refused a fresh session (errno 1)")
        case .failure(let code, let transient, let meaning):
            throw CalendarTargetError(code: code, isTransient: transient, message: "\(account): import.wcap failed with errno \(value) (\(meaning))")
        }
    }

    private enum PostOutcome { case known(Int), unknown(String) }

    private func postImport(_ form: MultipartBody, account: String, renew: Bool = false) throws -> PostOutcome {
        let previous = try session(account)
        let id: String
        if renew {
            sessions.invalidate(account, ifStill: previous)
            id = try session(account)
        } else {
            id = previous
        }
        let query = "id=\(id)&calid=\(ZimbraTarget.encodeQuery(account))&dtstart=0&dtend=0&content-in=text/calendar&fmt-out=text/calendar"
        let request = HTTPRequest(method: "POST", url: "\(baseURL)/import.wcap?\(query)",
                                  headers: [("Content-Type", form.contentType)], upload: form.upload, timeout: 600)
        var once = sender
        once.attempts = 1
        let response: HTTPResponse
        do {
            response = try once.send(request, account: account, action: "import.wcap")
        } catch let error as CalendarTargetError where error.isTransient && error.code != .throttled {
            return .unknown(error.message)
        }
        guard response.isSuccess else { throw CalendarTargetError.fromResponse(response, account: account, action: "import.wcap") }
        guard let text = response.header("X-NSCP-WCAP-ERRNO") ?? Self.line("X-NSCP-WCAP-ERRNO", in: response), let errno = Int(text) else {
            return .unknown("import.wcap answered without X-NSCP-WCAP-ERRNO")
        }
        return .known(errno)
    }

    /// The UIDs of every event and todo `account`'s calendar holds, read with
    /// `fetchcomponents_by_range.wcap` (`dtstart=0&dtend=0`: the whole calendar; `recurring=1`:
    /// masters and exceptions, not expanded instances; `attrset=0`: UID, DTSTART, DTEND,
    /// SUMMARY only — Calendar Server 6.3 WCAP Developer's Guide, fetchcomponents_by_range.wcap).
    func landedUIDs(_ account: String, logger: Logger) throws -> Set<String> {
        var errno = -1
        var response: HTTPResponse?
        for renew in [false, true] {
            let previous = try session(account)
            if renew { sessions.invalidate(account, ifStill: previous) }
            let id = renew ? try session(account) : previous
            let query = "id=\(id)&calid=\(ZimbraTarget.encodeQuery(account))&dtstart=0&dtend=0&component-type=all&recurring=1&attrset=0&fmt-out=text/calendar"
            let answer = try sender.send(HTTPRequest(method: "GET", url: "\(baseURL)/fetchcomponents_by_range.wcap?\(query)", timeout: 600),
                                         account: account, action: "fetchcomponents_by_range.wcap")
            errno = try self.errno(of: answer, account: account, action: "fetchcomponents_by_range.wcap")
            response = answer
            if WCAPErrno.reaction(to: errno) != .relogin { break }
        }
        switch WCAPErrno.reaction(to: errno) {
        case .success:
            let document = response.flatMap { try? CalendarDocument.parse($0.body) }
            return Set(document?.calendars.flatMap(\.components).compactMap { $0.first("UID")?.value } ?? [])
        case .relogin:
            throw CalendarTargetError(code: .unauthorized, isTransient: false, message: "\(account): fetchcomponents_by_range.wcap refused a fresh session (errno 1)")
        case .failure(let code, let transient, let meaning):
            throw CalendarTargetError(code: code, isTransient: transient,
                                      message: "\(account): fetchcomponents_by_range.wcap failed with errno \(errno) (\(meaning))")
        }
    }
}
