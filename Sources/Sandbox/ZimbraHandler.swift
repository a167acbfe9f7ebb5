import CalendarTargets
import Foundation
import ICalendar

/// Zimbra / Carbonio: the admin SOAP endpoint (`AuthRequest`, `DelegateAuthRequest`), the user
/// SOAP endpoint (`GetFolderRequest`, `FolderActionRequest op=empty`), domain preauth
/// (`/service/preauth`, HMAC-SHA1), the REST import
/// `POST /service/home/{account}/{folder}?fmt=ics` (multipart, cookie `ZM_AUTH_TOKEN` or
/// basic auth), which matches UIDs (a lower SEQUENCE never overwrites a higher one) and
/// refuses, above 128 KB, a TZID used before its VTIMEZONE, and the REST export
/// `GET /service/home/{account}/{folder}?fmt=ics[&start=MS][&end=MS]` (what overlaps the range;
/// only millisecond times, not Zimbra's dates or relative times). Each account has one
/// calendar, whatever folder is named: the sandbox has no folder tree.
struct ZimbraHandler {
    let store: SandboxStore
    let configuration: SandboxConfiguration
    let sessions: SessionRegistry

    /// Zimbra reads bodies above this size with its streaming parser.
    static let streamingThreshold = 128 * 1024

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        switch request.path {
        case "/service/admin/soap", "/service/admin/soap/": return adminSOAP(request)
        case "/service/soap", "/service/soap/": return userSOAP(request)
        case "/service/preauth": return preauth(request)
        default:
            guard request.path.hasPrefix("/service/home/") else { return .text(404, "not found") }
            return request.method == "GET" ? restExport(request) : restImport(request)
        }
    }

    private func adminSOAP(_ request: SandboxRequest) -> SandboxResponse {
        let xml = String(decoding: request.body, as: UTF8.self)
        if XMLText.element("AuthRequest", in: xml) != nil || xml.contains("<AuthRequest") {
            guard XMLText.element("name", in: xml) == configuration.user, XMLText.element("password", in: xml) == configuration.password else {
                return Self.fault("account.AUTH_FAILED", "authentication failed for [\(XMLText.element("name", in: xml) ?? "")]")
            }
            return tokenResponse("AuthResponse", token: sessions.issue(for: nil))
        }
        if xml.contains("DelegateAuthRequest") {
            guard let header = XMLText.element("authToken", in: xml), let session = sessions.session(header), session.account == nil else {
                return Self.fault("service.AUTH_EXPIRED", "auth credentials have expired")
            }
            guard let account = XMLText.element("account", in: xml), store.exists(account) else {
                return Self.fault("account.NO_SUCH_ACCOUNT", "no such account: \(XMLText.element("account", in: xml) ?? "")")
            }
            return tokenResponse("DelegateAuthResponse", token: sessions.issue(for: account))
        }
        return Self.fault("service.UNKNOWN_DOCUMENT", "unknown document")
    }

    private func userSOAP(_ request: SandboxRequest) -> SandboxResponse {
        let xml = String(decoding: request.body, as: UTF8.self)
        guard let session = sessions.session(XMLText.element("authToken", in: xml)), let account = session.account else {
            return Self.fault("service.AUTH_EXPIRED", "auth credentials have expired")
        }
        if xml.contains("GetFolderRequest") {
            let path = XMLText.attribute("path", of: "folder", in: xml) ?? "/Calendar"
            let absolute = path.hasPrefix("/") ? path : "/" + path
            let name = absolute.split(separator: "/").last.map(String.init) ?? "Calendar"
            let items = store.withCalendar(account) { $0.items.count }
            return Self.envelope("<GetFolderResponse xmlns=\"urn:zimbraMail\"><folder id=\"10\" name=\"\(XMLText.escape(name))\" absFolderPath=\"\(XMLText.escape(absolute))\" view=\"appointment\" n=\"\(items)\" l=\"1\"/></GetFolderResponse>")
        }
        if xml.contains("FolderActionRequest"), XMLText.attribute("op", of: "action", in: xml) == "empty" {
            store.withCalendar(account) { $0.removeAll() }
            return Self.envelope("<FolderActionResponse xmlns=\"urn:zimbraMail\"><action op=\"empty\" id=\"10\"/></FolderActionResponse>")
        }
        return Self.fault("service.UNKNOWN_DOCUMENT", "unknown document")
    }

    private func preauth(_ request: SandboxRequest) -> SandboxResponse {
        guard let key = configuration.preauthKey, let account = request.query["account"],
              let timestamp = request.query["timestamp"], let expires = request.query["expires"],
              let given = request.query["preauth"] else { return .text(400, "preauth: missing parameters") }
        let by = request.query["by"] ?? "name"
        let expected = ZimbraPreauth.value(key: key, account: account, by: by, expires: expires, timestamp: timestamp)
        guard given.lowercased() == expected else { return .text(400, "authentication failed for [\(account)], preauth mismatch") }
        guard let millis = Double(timestamp), abs(Date().timeIntervalSince1970 - millis / 1000) < 300 else {
            return .text(400, "preauth timestamp out of range")
        }
        // Carbonio answers an unknown account (without auto-provisioning) as an auth failure.
        guard store.exists(account) else { return .text(400, "authentication failed for [\(account)], Account not found") }
        let token = sessions.issue(for: account)
        return SandboxResponse(status: 302, headers: [("Location", "/"), ("Set-Cookie", "ZM_AUTH_TOKEN=\(token); Path=/; HttpOnly")])
    }

    private func restImport(_ request: SandboxRequest) -> SandboxResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 4, request.method == "POST" else { return .text(405, "only POST imports") }
        let account = segments[2]
        guard store.exists(account) else { return .text(404, "no such account: \(account)") }
        guard authorized(request, for: account) else { return .text(401, "must authenticate") }
        guard request.query["fmt"] == "ics" else { return .text(400, "unsupported fmt") }
        let body = MultipartForm(body: request.body, contentType: request.header("content-type"))?.file?.data ?? request.body
        guard let payload = ICSPayload(body) else { return .text(400, "invalid request: unable to parse ics") }
        if body.count > Self.streamingThreshold, let zone = payload.zonesUsedBeforeDefinition.first {
            return .text(500, "system failure: unknown time zone \(zone) (VTIMEZONE must precede its first use)")
        }
        if let refused = payload.items.first(where: { $0.refusal != nil }) {
            return .text(400, "invalid request: UID \(refused.uid): \(refused.refusal ?? "")")
        }
        _ = store.importItems(payload, into: account, skipExisting: request.query["resolve"] == "skip", respectSequence: true)
        return SandboxResponse(status: 200)
    }

    private func restExport(_ request: SandboxRequest) -> SandboxResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 4 else { return .text(404, "not found") }
        let account = segments[2]
        guard store.exists(account) else { return .text(404, "no such account: \(account)") }
        guard authorized(request, for: account) else { return .text(401, "must authenticate") }
        guard (request.query["fmt"] ?? "ics") == "ics" else { return .text(400, "unsupported fmt") }
        guard let from = Self.milliseconds(request.query["start"]), let to = Self.milliseconds(request.query["end"]) else {
            return .text(400, "invalid request: start and end must be milliseconds here")
        }
        var data = Data()
        for item in store.withCalendar(account, { $0.items.values.map(\.data) }) { data.append(item) }
        let kept = data.isEmpty ? nil : try? CalendarFilter(window: DateWindow(from: from.value, to: to.value)).filter(data)
        let body = kept?.serialized() ?? Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calimport//sandbox Zimbra//EN\r\nEND:VCALENDAR\r\n".utf8)
        return SandboxResponse(status: 200, headers: [("Content-Type", "text/calendar; charset=utf-8")], body: body)
    }

    /// A REST `start`/`end` value in milliseconds since 1970 (nil value: no bound); nil when it is
    /// something else.
    static func milliseconds(_ text: String?) -> (value: Date?, Void)? {
        guard let text else { return (nil, ()) }
        return Double(text).map { (Date(timeIntervalSince1970: $0 / 1000), ()) }
    }

    private func authorized(_ request: SandboxRequest, for account: String) -> Bool {
        if let session = sessions.session(request.cookie("ZM_AUTH_TOKEN")) { return session.account == account }
        let methods = (request.query["auth"] ?? "co,ba").split(separator: ",")
        guard methods.contains("ba"), let credentials = request.basicCredentials else { return false }
        return (credentials.user == configuration.user || credentials.user == account) && credentials.password == configuration.password
    }

    private func tokenResponse(_ name: String, token: String) -> SandboxResponse {
        let lifetime = Int(sessions.lifetime * 1000)
        return Self.envelope("<\(name) xmlns=\"urn:zimbraAdmin\"><authToken>\(token)</authToken><lifetime>\(lifetime)</lifetime></\(name)>")
    }

    static func envelope(_ body: String) -> SandboxResponse {
        .text(200, "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>\(body)</soap:Body></soap:Envelope>",
              contentType: "application/soap+xml; charset=utf-8")
    }

    static func fault(_ code: String, _ reason: String) -> SandboxResponse {
        .text(500, """
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><soap:Fault>\
            <soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason><soap:Text>\(XMLText.escape(reason))</soap:Text></soap:Reason>\
            <soap:Detail><Error xmlns="urn:zimbra"><Code>\(code)</Code></Error></soap:Detail></soap:Fault></soap:Body></soap:Envelope>
            """, contentType: "application/soap+xml; charset=utf-8")
    }
}
