import Foundation
import ICalendar

/// WCAP (Sun/Oracle Calendar Server): `login.wcap` (with `proxyauth` for an administrator
/// acting for an account), `import.wcap` (multipart POST; `calid`, `dtstart`/`dtend` in UTC
/// or `0`), `fetchcomponents_by_range.wcap` (what a calendar holds), `get_calprops.wcap` (the
/// properties of one calendar, `calid` defaulting to the session's user) and `logout.wcap`.
/// Every answer is `text/calendar` carrying `X-NSCP-WCAP-ERRNO` (also sent as a header). Each
/// account has one calendar, its calid being the account.
///
/// Only documents exist for WCAP (the Calendar Server 6 / 6.3 WCAP developer's guides, Mozilla's
/// WCAP client calWcapErrors.js): no server code could be read. Where the documents are silent
/// the sandbox guesses, and each guess is the pessimistic one: import.wcap does not match UIDs
/// (an import of a UID the calendar holds adds a second copy, so a blind re-send duplicates),
/// and its range keeps as little as ``WCAPRange`` says.
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
        case "/fetchcomponents_by_range.wcap": return fetchComponents(request)
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

    /// A request's calendar, or the answer refusing it.
    private enum Access {
        case granted(String)
        case refused(SandboxResponse)
    }

    /// The calendar a session may use: errno 1 (no session), 38 (no calid), 29 (no such
    /// calendar) or 28 (another user's calendar) otherwise.
    private func calendar(_ request: SandboxRequest, defaultToUser: Bool = false) -> Access {
        guard let session = sessions.session(request.query["id"]) else { return .refused(Self.answer(errno: 1)) }
        let given = request.query["calid"].flatMap { $0.isEmpty ? nil : $0 }
        guard let calid = given ?? (defaultToUser ? session.account : nil) else { return .refused(Self.answer(errno: 38)) }
        guard store.exists(calid) else { return .refused(Self.answer(errno: 29)) }
        guard session.account == calid || (defaultToUser && session.account == configuration.user) else { return .refused(Self.answer(errno: 28)) }
        return .granted(calid)
    }

    private func importCalendar(_ request: SandboxRequest) -> SandboxResponse {
        guard request.method == "POST" else { return Self.answer(errno: 77) }
        let calid: String
        switch calendar(request) {
        case .granted(let value): calid = value
        case .refused(let answer): return answer
        }
        guard let from = WCAPRange.bound(request.query["dtstart"] ?? "0"), let to = WCAPRange.bound(request.query["dtend"] ?? "0"),
              let upload = MultipartForm(body: request.body, contentType: request.header("content-type"))?.file,
              let payload = ICSPayload(upload.data) else {
            return Self.answer(errno: 77)
        }
        let range = WCAPRange(from: from, to: to)
        store.withCalendar(calid) { calendar in
            calendar.collectionExists = true
            for item in payload.items where item.refusal == nil && range.contains(item.components) {
                // Guess (pessimistic): no UID matching. A UID already held gets a second copy.
                var copy = item
                var serial = 1
                while calendar.item(uid: copy.uid) != nil {
                    serial += 1
                    copy.uid = item.uid + "\u{1F}copy \(serial)"
                }
                _ = calendar.store(copy, name: SandboxStore.resourceName(copy.uid))
            }
        }
        return Self.answer(errno: 0)
    }

    /// `fetchcomponents_by_range.wcap`: every component of the calendar in the range, one line
    /// each of UID, RECURRENCE-ID, DTSTART, DTEND and SUMMARY (what `attrset=0` returns), copies included.
    private func fetchComponents(_ request: SandboxRequest) -> SandboxResponse {
        let calid: String
        switch calendar(request, defaultToUser: true) {
        case .granted(let value): calid = value
        case .refused(let answer): return answer
        }
        guard let from = WCAPRange.bound(request.query["dtstart"] ?? "0"), let to = WCAPRange.bound(request.query["dtend"] ?? "0") else {
            return Self.answer(errno: 13)
        }
        let range = WCAPRange(from: from, to: to)
        let kinds = request.query["component-type"].map { $0 == "event" ? ["VEVENT"] : $0 == "todo" ? ["VTODO"] : ["VEVENT", "VTODO"] } ?? ["VEVENT", "VTODO"]
        let items = store.withCalendar(calid) { calendar in calendar.items.values.sorted { $0.uid < $1.uid } }
        var lines: [String] = []
        for item in items {
            let components = ((try? CalendarDocument.parse(item.data))?.calendars.flatMap(\.components) ?? []).filter { kinds.contains($0.name) }
            guard range.contains(components) else { continue }
            for component in components {
                lines.append("BEGIN:\(component.name)")
                lines += component.properties.filter { ["UID", "RECURRENCE-ID", "DTSTART", "DTEND", "DUE", "SUMMARY"].contains($0.name) }
                    .map(SandboxText.line)
                lines.append("END:\(component.name)")
            }
        }
        return Self.answer(errno: 0, extra: lines)
    }

    private func calendarProperties(_ request: SandboxRequest) -> SandboxResponse {
        let calid: String
        switch calendar(request, defaultToUser: true) {
        case .granted(let value): calid = value
        case .refused(let answer): return answer
        }
        return Self.answer(errno: 0, extra: [
            "X-NSCP-CALPROPS-RELATIVE-CALID:\(calid)", "X-NSCP-CALPROPS-NAME:\(calid)",
            "X-NSCP-CALPROPS-PRIMARY-OWNER:\(calid)", "X-NSCP-CALPROPS-OWNERS:\(calid)",
        ])
    }

    static func answer(errno: Int, extra: [String] = []) -> SandboxResponse {
        let lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//calimport//sandbox WCAP//EN", "X-NSCP-WCAP-ERRNO:\(errno)"] + extra + ["END:VCALENDAR"]
        return .text(200, lines.joined(separator: "\r\n") + "\r\n", contentType: "text/calendar; charset=utf-8",
                     headers: [("X-NSCP-WCAP-ERRNO", String(errno))])
    }
}
