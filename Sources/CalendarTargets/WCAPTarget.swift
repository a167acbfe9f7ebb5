import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into a Sun/Oracle Calendar Server through WCAP: `login.wcap` (with
/// `proxyauth={account}` when the configured user is an administrator acting for the account),
/// then `import.wcap` as a multipart POST with `calid`, `dtstart`/`dtend` (the batch window,
/// `0` when unbounded) and `content-in=text/calendar`. The server matches UIDs, so a retry
/// updates instead of duplicating. `X-NSCP-WCAP-ERRNO` decides: 1 (session expired) logs in
/// again once; the rest follow ``WCAPErrno``. Sessions end with `logout.wcap` at shutdown.
/// WCAP documents no way to empty a calendar or skip existing UIDs on import, so `replace` and
/// `skip-existing` are refused.
public struct WCAPTarget: CalendarTarget {
    /// `http(s)://HOST[:PORT]`.
    public let baseURL: String
    /// The batch window the server applies again (`dtstart`/`dtend`).
    public let window: DateWindow
    let credentials: TargetCredentials
    let sender: RequestSender
    private let sessions = TokenCache()

    public init(baseURL: String, window: DateWindow, credentials: TargetCredentials, sender: RequestSender) {
        self.baseURL = baseURL
        self.window = window
        self.credentials = credentials
        self.sender = sender
    }

    public func importCalendar(
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck, logger: Logger
    ) throws -> TargetImportResult {
        if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
        guard mode == .merge else {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false,
                                      message: "\(account): WCAP import.wcap documents no \(mode.rawValue) (only adding/updating by UID); use mode merge")
        }
        var form = MultipartBody()
        form.addFile(name: "Upload", filename: "calendar.ics", contentType: "text/calendar; charset=utf-8", data: calendar.serialized())
        var errno = try importOnce(form, account: account)
        if WCAPErrno.reaction(to: errno) == .relogin {
            logger.info("wcap.session.renewed", metadata: ["account": "\(account)"])
            errno = try importOnce(form, account: account, renew: true)
        }
        switch WCAPErrno.reaction(to: errno) {
        case .success:
            return TargetImportResult(imported: calendar.counts.componentsKept)
        case .relogin:
            throw CalendarTargetError(code: .unauthorized, isTransient: false, message: "\(account): import.wcap refused a fresh session (errno 1)")
        case .failure(let code, let transient, let meaning):
            throw CalendarTargetError(code: code, isTransient: transient, message: "\(account): import.wcap failed with errno \(errno) (\(meaning))")
        }
    }

    /// Logs out every session (`logout.wcap`).
    public func close(logger: Logger) {
        for (account, id) in sessions.drain() { logout(id, account: account) }
    }

    /// Ends session `id` (`logout.wcap`); failures are ignored, the session expires anyway.
    func logout(_ id: String, account: String) {
        _ = try? sender.send(HTTPRequest(method: "GET", url: "\(baseURL)/logout.wcap?id=\(id)&fmt-out=text/calendar"), account: account, action: "logout.wcap")
    }

    private func importOnce(_ form: MultipartBody, account: String, renew: Bool = false) throws -> Int {
        let previous = try session(account)
        let id: String
        if renew {
            sessions.invalidate(account, ifStill: previous)
            id = try session(account)
        } else {
            id = previous
        }
        let query = "id=\(id)&calid=\(ZimbraTarget.encodeQuery(account))&dtstart=\(Self.wcapDate(window.from))&dtend=\(Self.wcapDate(window.to))&content-in=text/calendar&fmt-out=text/calendar"
        let request = HTTPRequest(method: "POST", url: "\(baseURL)/import.wcap?\(query)",
                                  headers: [("Content-Type", form.contentType)], body: form.data, timeout: 600)
        return try errno(of: sender.send(request, account: account, action: "import.wcap"), account: account, action: "import.wcap")
    }

    private func session(_ account: String) throws -> String {
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

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, or `0` for an open end.
    static func wcapDate(_ date: Date?) -> String {
        guard let date else { return "0" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
