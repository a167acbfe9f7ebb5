import Foundation
import ICalendar

/// WCAP (Sun/Oracle Calendar Server): `login.wcap` (with `proxyauth` for an administrator
/// acting for an account), `import.wcap` (multipart POST; `calid`, `dtstart`/`dtend` in UTC
/// or `0`; only what falls in the range is imported, matched by UID), `get_calprops.wcap`
/// (the properties of one calendar, `calid` defaulting to the session's user) and
/// `logout.wcap`. Every answer is `text/calendar` carrying `X-NSCP-WCAP-ERRNO` (also sent as
/// a header). Each account has one calendar, its calid being the account.
struct WCAPHandler {
    let store: SandboxStore
    let configuration: SandboxConfiguration
    let sessions: SessionRegistry

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        switch request.path {
        case "/login.wcap": return login(request)
        case "/logout.wcap":
            if let id = request.query["id"] { sessions.end(id) }
            return Self.answer(errno: -1)
        case "/import.wcap": return importCalendar(request)
        case "/get_calprops.wcap": return calendarProperties(request)
        default: return .text(404, "not found")
        }
    }

    private func login(_ request: SandboxRequest) -> SandboxResponse {
        guard request.query["user"] == configuration.user, request.query["password"] == configuration.password else {
            return Self.answer(errno: 1)
        }
        let actingFor = request.query["proxyauth"] ?? request.query["user"]
        return Self.answer(errno: 0, extra: ["X-NSCP-WCAP-SESSION-ID:\(sessions.issue(for: actingFor))"])
    }

    private func importCalendar(_ request: SandboxRequest) -> SandboxResponse {
        guard request.method == "POST" else { return Self.answer(errno: 77) }
        guard let session = sessions.session(request.query["id"]) else { return Self.answer(errno: 1) }
        guard let calid = request.query["calid"], !calid.isEmpty else { return Self.answer(errno: 38) }
        guard store.exists(calid) else { return Self.answer(errno: 29) }
        guard session.account == calid else { return Self.answer(errno: 28) }
        guard let from = Self.date(request.query["dtstart"] ?? "0"), let to = Self.date(request.query["dtend"] ?? "0"),
              let upload = MultipartForm(body: request.body, contentType: request.header("content-type"))?.file else {
            return Self.answer(errno: 77)
        }
        let window = DateWindow(from: from.value, to: to.value)
        guard let kept = try? CalendarFilter(window: window).filter(upload.data), let payload = ICSPayload(kept.serialized()) else {
            return Self.answer(errno: 35)
        }
        _ = store.importItems(payload, into: calid, skipExisting: false, respectSequence: false)
        return Self.answer(errno: 0)
    }

    private func calendarProperties(_ request: SandboxRequest) -> SandboxResponse {
        guard let session = sessions.session(request.query["id"]) else { return Self.answer(errno: 1) }
        let calid = request.query["calid"].flatMap { $0.isEmpty ? nil : $0 } ?? session.account ?? ""
        guard store.exists(calid) else { return Self.answer(errno: 29) }
        guard session.account == calid || session.account == configuration.user else { return Self.answer(errno: 28) }
        return Self.answer(errno: 0, extra: [
            "X-NSCP-CALPROPS-RELATIVE-CALID:\(calid)", "X-NSCP-CALPROPS-NAME:\(calid)",
            "X-NSCP-CALPROPS-PRIMARY-OWNER:\(calid)", "X-NSCP-CALPROPS-OWNERS:\(calid)",
        ])
    }

    /// `0` (unbounded) or a UTC date-time `yyyyMMdd'T'HHmmss'Z'`; nil when neither.
    static func date(_ text: String) -> (value: Date?, Void)? {
        if text == "0" { return (nil, ()) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: text).map { ($0, ()) }
    }

    static func answer(errno: Int, extra: [String] = []) -> SandboxResponse {
        let lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//calimport//sandbox WCAP//EN"] + extra + ["X-NSCP-WCAP-ERRNO:\(errno)", "END:VCALENDAR"]
        return .text(200, lines.joined(separator: "\r\n") + "\r\n", contentType: "text/calendar; charset=utf-8",
                     headers: [("X-NSCP-WCAP-ERRNO", String(errno))])
    }
}
