import Foundation
import ICalendar

/// Zimbra / Carbonio as Zimbra/zm-mailbox's code behaves: the admin SOAP endpoint
/// (`AuthRequest`, `DelegateAuthRequest`), the user SOAP endpoint (`GetFolderRequest`,
/// `FolderActionRequest op=empty`), domain preauth (`/service/preauth`), the REST import
/// `POST /service/home/{account}/{folder}?fmt=ics` (``ZimbraICSImport``, access as
/// ``ZimbraRESTAccess``) and the REST export `GET …?fmt=ics[&start=MS&end=MS]` (everything in the
/// folder without a range, IcsFormatter.java:77-93; with one, what ``ZimbraRangeCheck`` keeps,
/// only millisecond times). Each account has one calendar folder, `/Calendar`. SOAP bodies are read with the
/// sandbox's own ``SOAPElement`` and preauth checked by ``ZimbraPreauthCheck``.
struct ZimbraHandler {
    let store: SandboxStore
    let configuration: SandboxConfiguration
    let sessions: SessionRegistry

    /// Bodies above this size are read by the streaming parser (Zimbra/zm-mailbox
    /// common/src/java/com/zimbra/common/localconfig/LC.java:676, IcsFormatter.java:186).
    static let streamingThreshold = 128 * 1024

    var access: ZimbraRESTAccess { ZimbraRESTAccess(store: store, sessions: sessions, configuration: configuration) }

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        switch request.path {
        case "/service/admin/soap", "/service/admin/soap/": return adminSOAP(request)
        case "/service/soap", "/service/soap/": return userSOAP(request)
        case "/service/preauth": return preauth(request)
        default:
            let segments = request.path.split(separator: "/").map(String.init)
            guard request.path.hasPrefix("/service/home/"), segments.count >= 4 else { return .text(404, "not found") }
            let folder = segments[3...].joined(separator: "/")
            if let refusal = access.refusal(request, account: segments[2], folder: folder) { return refusal }
            return request.method == "GET" ? restExport(request, account: segments[2]) : restImport(request, account: segments[2])
        }
    }

    private func adminSOAP(_ request: SandboxRequest) -> SandboxResponse {
        guard let envelope = SOAPElement.parse(request.body), let body = envelope.request else {
            return Self.fault("service.PARSE_ERROR", "parse error: not a SOAP envelope")
        }
        switch body.name {
        case "AuthRequest":
            let name = body.first("name")?.text ?? body.first("account")?.text ?? ""
            // AccountServiceException.java:131-132: the answer names only the name passed in.
            guard name == configuration.user, body.first("password")?.text == configuration.password else {
                return Self.fault("account.AUTH_FAILED", "authentication failed for [\(name)]")
            }
            return tokenResponse("AuthResponse", token: sessions.issue(for: nil), lifetime: sessions.lifetime)
        case "DelegateAuthRequest":
            guard let session = sessions.session(envelope.first("Header")?.first("authToken")?.text), session.account == nil else {
                return Self.fault("service.AUTH_EXPIRED", "auth credentials have expired")
            }
            let account = body.first("account")?.text ?? ""
            guard store.exists(account) else { return Self.fault("account.NO_SUCH_ACCOUNT", "no such account: \(account)") }
            // DelegateAuth.java:63,86-97: the token lives min(duration, zimbraAuthTokenLifetime)
            // (default duration one hour, :47), but the answer's lifetime is the duration asked for.
            let requested = body.attributes["duration"].flatMap(Double.init) ?? 3600
            let token = sessions.issue(for: account, lifetime: min(requested, sessions.lifetime))
            return tokenResponse("DelegateAuthResponse", token: token, lifetime: requested)
        default:
            return Self.fault("service.UNKNOWN_DOCUMENT", "unknown document: \(body.name)")
        }
    }

    private func userSOAP(_ request: SandboxRequest) -> SandboxResponse {
        guard let envelope = SOAPElement.parse(request.body), let body = envelope.request else {
            return Self.fault("service.PARSE_ERROR", "parse error: not a SOAP envelope")
        }
        guard let session = sessions.session(envelope.first("Header")?.first("authToken")?.text), let account = session.account else {
            return Self.fault("service.AUTH_EXPIRED", "auth credentials have expired")
        }
        switch body.name {
        case "GetFolderRequest":
            let path = body.first("folder")?.attributes["path"] ?? "/Calendar"
            let absolute = path.hasPrefix("/") ? path : "/" + path
            // MailServiceException.NO_SUCH_FOLDER for a path that does not resolve.
            guard absolute.dropFirst().lowercased() == ZimbraRESTAccess.calendarFolder else {
                return Self.fault("mail.NO_SUCH_FOLDER", "no such folder path: \(absolute)")
            }
            let items = store.withCalendar(account) { $0.items.count }
            return Self.envelope("<GetFolderResponse xmlns=\"urn:zimbraMail\"><folder id=\"10\" name=\"Calendar\" absFolderPath=\"/Calendar\" view=\"appointment\" n=\"\(items)\" l=\"1\"/></GetFolderResponse>")
        case "FolderActionRequest" where body.first("action")?.attributes["op"] == "empty":
            store.withCalendar(account) { $0.removeAll() }
            return Self.envelope("<FolderActionResponse xmlns=\"urn:zimbraMail\"><action op=\"empty\" id=\"10\"/></FolderActionResponse>")
        default:
            return Self.fault("service.UNKNOWN_DOCUMENT", "unknown document: \(body.name)")
        }
    }

    /// store/src/java/com/zimbra/cs/service/PreAuthServlet.java:176-265: an unknown account
    /// (:218-219), a stale timestamp or a wrong value (LdapProvisioning.java:5370-5392) are all
    /// `AuthFailedServiceException`, whose message is only "authentication failed for [name]"
    /// (AccountServiceException.java:131-132; the reason is logged, not returned), answered 400.
    private func preauth(_ request: SandboxRequest) -> SandboxResponse {
        guard let key = configuration.preauthKey, let account = request.query["account"],
              let timestamp = request.query["timestamp"], let expires = request.query["expires"],
              let given = request.query["preauth"] else { return .text(400, "missing required parameter") }
        let parameters = ["account": account, "by": request.query["by"] ?? "name", "timestamp": timestamp, "expires": expires]
        guard store.exists(account), ZimbraPreauthCheck.isRecent(timestamp),
              ZimbraPreauthCheck(key: key).accepts(given, parameters: parameters) else {
            return .text(400, "authentication failed for [\(account)]")
        }
        let token = sessions.issue(for: account)
        return SandboxResponse(status: 302, headers: [("Location", "/"), ("Set-Cookie", "ZM_AUTH_TOKEN=\(token); Path=/; HttpOnly")])
    }

    private func restImport(_ request: SandboxRequest, account: String) -> SandboxResponse {
        guard request.method == "POST" else { return .text(405, "only POST imports") }
        guard request.query["fmt"] == "ics" else { return .text(400, "unsupported fmt") }
        let body = MultipartForm(body: request.body, contentType: request.header("content-type"))?.file?.data ?? request.body
        // Formatter.java:365-383 and UserServlet.java:870-878: anything but INVALID_REQUEST
        // (a parse error too) becomes "formatter failure", a ServletException: 500.
        guard let document = try? CalendarDocument.parse(body) else { return .text(500, "system failure: ics formatter failure: unable to parse ics") }
        if body.count > Self.streamingThreshold, let zone = ICSPayload(body)?.zonesUsedBeforeDefinition.first {
            return .text(500, "system failure: unknown time zone \(zone) (VTIMEZONE must precede its first use)")
        }
        let continueOnError = (request.query["ignore"].flatMap { Int($0) } ?? 0) != 0
        let outcome = ZimbraICSImport(store: store, account: account).run(document, continueOnError: continueOnError)
        if let reason = outcome.stoppedBy { return .text(500, "system failure: ics formatter failure: \(reason)") }
        return SandboxResponse(status: 200)
    }

    private func restExport(_ request: SandboxRequest, account: String) -> SandboxResponse {
        guard (request.query["fmt"] ?? "ics") == "ics" else { return .text(400, "unsupported fmt") }
        let items = store.withCalendar(account, { $0.items.values.map(\.data) })
        var body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calimport//sandbox Zimbra//EN\r\n"
        guard let from = Self.milliseconds(request.query["start"]), let to = Self.milliseconds(request.query["end"]) else {
            return .text(400, "invalid request: start and end must be milliseconds here")
        }
        // IcsFormatter.java:79: only both bounds make a range.
        let ranged = from.value != nil && to.value != nil
        for data in items where !ranged || ZimbraRangeCheck.overlaps(data, from: from.value, to: to.value) { body += Self.components(of: data) }
        return SandboxResponse(status: 200, headers: [("Content-Type", "text/calendar; charset=utf-8")], body: Data((body + "END:VCALENDAR\r\n").utf8))
    }

    /// The component lines of one stored calendar (between its header and `END:VCALENDAR`).
    static func components(of data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        guard let start = text.range(of: "\r\nBEGIN:V", range: text.index(after: text.startIndex)..<text.endIndex),
              let end = text.range(of: "END:VCALENDAR", options: .backwards), start.upperBound <= end.lowerBound else { return "" }
        // "\r\n" is one Character: the component starts one index after it.
        return String(text[text.index(after: start.lowerBound)..<end.lowerBound])
    }

    /// A REST `start`/`end` value in milliseconds since 1970 (nil value: no bound); nil when it is
    /// something else.
    static func milliseconds(_ text: String?) -> (value: Date?, Void)? {
        guard let text else { return (nil, ()) }
        return Double(text).map { (Date(timeIntervalSince1970: $0 / 1000), ()) }
    }

    private func tokenResponse(_ name: String, token: String, lifetime: Double) -> SandboxResponse {
        Self.envelope("<\(name) xmlns=\"urn:zimbraAdmin\"><authToken>\(token)</authToken><lifetime>\(Int(lifetime * 1000))</lifetime></\(name)>")
    }

    static func envelope(_ body: String) -> SandboxResponse {
        .text(200, "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>\(body)</soap:Body></soap:Envelope>",
              contentType: "application/soap+xml; charset=utf-8")
    }

    static func fault(_ code: String, _ reason: String) -> SandboxResponse {
        .text(500, """
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><soap:Fault>\
            <soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason><soap:Text>\(SandboxText.xmlEscaped(reason))</soap:Text></soap:Reason>\
            <soap:Detail><Error xmlns="urn:zimbra"><Code>\(code)</Code></Error></soap:Detail></soap:Fault></soap:Body></soap:Envelope>
            """, contentType: "application/soap+xml; charset=utf-8")
    }
}
