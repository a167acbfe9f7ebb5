import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into a Sun/Oracle Calendar Server through WCAP: `login.wcap` (with
/// `proxyauth={account}` when the configured user is an administrator acting for the account),
/// then `import.wcap` as a multipart POST with `calid`, `dtstart=0`/`dtend=0` (the window is
/// calimport's own: the server's range semantics for recurring series are undocumented) and
/// `content-in=text/calendar`. No document says import.wcap matches UIDs, so calimport assumes
/// it does not: every import first reads the UIDs the calendar holds
/// (`fetchcomponents_by_range.wcap`) and sends only the others (`merge` and `skip-existing` both
/// leave existing UIDs as they are, counted skipped); an import whose outcome is unknown (no
/// answer, a 5xx, an answer without errno) is never re-sent blindly: what landed is read back
/// first and only the rest is sent again. After errno 0 the read-back tells which items the
/// server really holds; the others are reported per item. `X-NSCP-WCAP-ERRNO` decides: 1
/// (session expired) logs in again once; the rest follow ``WCAPErrno``. Sessions end with
/// `logout.wcap` at shutdown. WCAP documents no way to empty a calendar, so `replace` is refused.
public struct WCAPTarget: CalendarTarget {
    /// `http(s)://HOST[:PORT]`.
    public let baseURL: String
    let credentials: TargetCredentials
    let sender: RequestSender
    let sessions = TokenCache()
    /// Imports sent per account attempt at most (the first and the re-sends of what did not land).
    static let importRounds = 3

    public init(baseURL: String, credentials: TargetCredentials, sender: RequestSender) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.sender = sender
    }

    public func importCalendar(
        _ calendar: SpooledCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck,
        progress: ImportProgress, logger: Logger
    ) throws -> TargetImportResult {
        if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
        guard mode != .replace else {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false,
                                      message: "\(account): WCAP import.wcap documents no replace (only adding); use mode merge")
        }
        // No document says import.wcap matches UIDs: what the calendar already holds is left as it is.
        let before = try landedUIDs(account, logger: logger)
        var result = TargetImportResult()
        var pending = try calendar.indices { item in
            if before.contains(item.uid) { result.skipped += item.components.count }
            return !before.contains(item.uid)
        }
        progress.pushed(result.skipped)
        var lastUnknown = ""
        for round in 0..<Self.importRounds where !pending.isEmpty {
            let outcome = try importOnce(calendar, items: pending, account: account, logger: logger)
            if round == 0 {
                progress.pushed(calendar.counts.componentsKept - result.skipped)
                progress.enter(.verifying)
            }
            switch outcome {
            case .answered:
                let landed = try landedUIDs(account, logger: logger)
                for index in pending {
                    let item = try calendar.item(at: index)
                    if landed.contains(item.uid) { result.imported += item.components.count; continue }
                    result.failed += item.components.count
                    result.itemErrors.append(ItemError(uid: item.uid, recurrenceID: nil,
                                                             reason: "import.wcap answered errno 0 but the calendar does not hold it"))
                }
                return result
            case .unknown(let reason):
                // The import may have landed in part: read what did, send only the rest.
                logger.warning("wcap.import.outcome_unknown", metadata: ["account": "\(account)", "wcap.reason": "\(reason)"])
                lastUnknown = reason
                let landed = try landedUIDs(account, logger: logger)
                pending = try pending.filter { index in
                    let item = try calendar.item(at: index)
                    if landed.contains(item.uid) { result.imported += item.components.count }
                    return !landed.contains(item.uid)
                }
            }
        }
        if pending.isEmpty { return result }
        throw CalendarTargetError(code: .serverError, isTransient: true,
                                  message: "\(account): import.wcap outcome unknown \(Self.importRounds) times (\(lastUnknown)); \(pending.count) items not in the calendar, not re-sent again to avoid duplicates")
    }

    /// Logs out every session (`logout.wcap`).
    public func close(logger: Logger) {
        for (account, id) in sessions.drain() { logout(id, account: account) }
    }

    /// Ends session `id` (`logout.wcap`); failures are ignored, the session expires anyway.
    func logout(_ id: String, account: String) {
        _ = try? sender.send(HTTPRequest(method: "GET", url: "\(baseURL)/logout.wcap?id=\(id)&fmt-out=text/calendar"), account: account, action: "logout.wcap")
    }

    func session(_ account: String) throws -> String {
        try sessions.token(account) { (try login(account).id, 1800) }
    }

    /// A new session for `account` (`login.wcap`, with `proxyauth` when the configured user is
    /// someone else) and the login's errno (2: the server created the default calendar).
    func login(_ account: String) throws -> (id: String, errno: Int) {
        var query = "user=\(ZimbraTarget.encodeQuery(credentials.user))&password=\(ZimbraTarget.encodeQuery(credentials.password))&fmt-out=text/calendar"
        if credentials.user != account { query += "&proxyauth=\(ZimbraTarget.encodeQuery(account))" }
        let response = try sender.send(HTTPRequest(method: "GET", url: "\(baseURL)/login.wcap?\(query)"), account: account, action: "login.wcap")
        let errno = try errno(of: response, account: account, action: "login.wcap")
        guard errno == 0 || errno == 2, let id = Self.line("X-NSCP-WCAP-SESSION-ID", in: response) else {
            throw CalendarTargetError(code: .unauthorized, isTransient: false, httpStatus: response.status,
                                      message: "\(account): login.wcap refused the credentials (errno \(errno))")
        }
        return (id, errno)
    }

    func errno(of response: HTTPResponse, account: String, action: String) throws -> Int {
        guard response.isSuccess else { throw CalendarTargetError.fromResponse(response, account: account, action: action) }
        guard let text = response.header("X-NSCP-WCAP-ERRNO") ?? Self.line("X-NSCP-WCAP-ERRNO", in: response), let errno = Int(text) else {
            throw CalendarTargetError(code: .serverError, isTransient: true, httpStatus: response.status,
                                      message: "\(account): \(action) answered without X-NSCP-WCAP-ERRNO")
        }
        return errno
    }

    /// The value of content line `name` in a text/calendar answer.
    static func line(_ name: String, in response: HTTPResponse) -> String? {
        String(decoding: response.body, as: UTF8.self).split(whereSeparator: \.isNewline)
            .first { $0.hasPrefix(name + ":") }
            .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
    }
}
