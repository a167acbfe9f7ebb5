import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into Zimbra / Carbonio the way `zmmailbox postRestURL '/Calendar?fmt=ics' FILE`
/// does: one multipart POST of the whole filtered calendar (VTIMEZONEs first, as Zimbra's
/// streaming parser needs above 128 KB) to `/service/home/{account}/{folder}?fmt=ics`.
/// Zimbra matches appointments by UID, so a retry updates instead of duplicating;
/// `skip-existing` adds `resolve=skip`; `replace` empties the folder through SOAP
/// (`FolderActionRequest op=empty`) first. REST imports send no invitations.
public struct ZimbraTarget: CalendarTarget {
    /// `http(s)://HOST[:PORT]`.
    public let baseURL: String
    /// The calendar folder, `Calendar` by default.
    public let folder: String
    let authentication: ZimbraAuthentication
    let sender: RequestSender
    private let tokens = TokenCache()

    public init(baseURL: String, folder: String, authentication: ZimbraAuthentication, sender: RequestSender) {
        self.baseURL = baseURL
        self.folder = folder
        self.authentication = authentication
        self.sender = sender
    }

    public func importCalendar(
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, logger: Logger
    ) throws -> TargetImportResult {
        if mode == .replace { try emptyFolder(account) }
        var form = MultipartBody()
        form.addFile(name: "file", filename: "calendar.ics", contentType: "text/calendar; charset=utf-8", data: calendar.serialized())
        var query = "fmt=ics"
        if mode == .skipExisting { query += "&resolve=skip" }
        if case .basic = authentication { query += "&auth=ba" }
        let url = "\(baseURL)/service/home/\(Self.encode(account))/\(Self.encode(folder))?\(query)"
        let body = form.data  // encoded once, whatever the retries
        let response = try withToken(account) { token in
            var request = HTTPRequest(method: "POST", url: url, headers: [("Content-Type", form.contentType)], body: body, timeout: 600)
            if let token { request.headers.append(("Cookie", "ZM_AUTH_TOKEN=\(token)")) }
            if case .basic(let credentials) = authentication { request.credentials = credentials.basicAuth }
            return try sender.send(request, account: account, action: "REST import into \(folder)")
        }
        guard response.status == 200 else {
            throw CalendarTargetError.fromResponse(response, account: account, action: "REST import into \(folder)")
        }
        logger.debug("zimbra.imported", metadata: ["account": "\(account)", "http.status": "\(response.status)"])
        return TargetImportResult(imported: calendar.counts.componentsKept)
    }

    /// Runs `body` with the account's token (nil for basic auth); on 401 renews the token once.
    private func withToken(_ account: String, _ body: (String?) throws -> HTTPResponse) throws -> HTTPResponse {
        if case .basic = authentication { return try body(nil) }
        let token = try accountToken(account)
        let response = try body(token)
        guard response.status == 401 else { return response }
        tokens.invalidate(account, ifStill: token)
        return try body(try accountToken(account))
    }

    private func accountToken(_ account: String) throws -> String {
        try tokens.token(account) {
            switch authentication {
            case .admin(_, let adminURL): return try delegate(account, adminURL: adminURL)
            case .preauth(let key): return try preauth(account, key: key)
            case .basic: return ("", 0)
            }
        }
    }

    private func adminToken(_ credentials: TargetCredentials, adminURL: String) throws -> String {
        try tokens.token("\u{0}admin") {
            let body = "<AuthRequest xmlns=\"urn:zimbraAdmin\"><name>\(XMLText.escape(credentials.user))</name><password>\(XMLText.escape(credentials.password))</password></AuthRequest>"
            return try tokenAnswer(soap(adminURL + "/service/admin/soap", body, token: nil, account: credentials.user, action: "admin AuthRequest"))
        }
    }

    private func delegate(_ account: String, adminURL: String) throws -> (String, Double) {
        guard case .admin(let credentials, _) = authentication else { return ("", 0) }
        let body = "<DelegateAuthRequest xmlns=\"urn:zimbraAdmin\" duration=\"86400\"><account by=\"name\">\(XMLText.escape(account))</account></DelegateAuthRequest>"
        let admin = try adminToken(credentials, adminURL: adminURL)
        let url = adminURL + "/service/admin/soap"
        let response = try sender.send(HTTPRequest(method: "POST", url: url, headers: Self.soapHeaders, body: ZimbraSOAP.envelope(body, authToken: admin)),
                                       account: account, action: "DelegateAuthRequest", isTransient: ZimbraSOAP.isTransient)
        if ZimbraSOAP.isExpiredToken(ZimbraSOAP.faultCode(response)) {
            tokens.invalidate("\u{0}admin", ifStill: admin)
            let renewed = try adminToken(credentials, adminURL: adminURL)
            return try tokenAnswer(soap(url, body, token: renewed, account: account, action: "DelegateAuthRequest"))
        }
        return try tokenAnswer(checked(response, account: account, action: "DelegateAuthRequest"))
    }

    private func preauth(_ account: String, key: String) throws -> (String, Double) {
        let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
        let value = ZimbraPreauth.value(key: key, account: account, by: "name", expires: "0", timestamp: timestamp)
        let url = "\(baseURL)/service/preauth?account=\(Self.encodeQuery(account))&by=name&timestamp=\(timestamp)&expires=0&preauth=\(value)"
        let response = try sender.send(HTTPRequest(method: "GET", url: url), account: account, action: "preauth")
        guard let token = response.cookie("ZM_AUTH_TOKEN"), !token.isEmpty else {
            throw CalendarTargetError(code: .unauthorized, isTransient: false, httpStatus: response.status,
                                      message: "\(account): preauth refused (HTTP \(response.status)): \(response.bodyExcerpt(limit: 120))")
        }
        return (token, 12 * 3600)
    }

    /// Empties the folder (`replace`): `GetFolderRequest` for its id, then `FolderActionRequest op=empty`.
    private func emptyFolder(_ account: String) throws {
        if case .basic = authentication {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false,
                                      message: "\(account): mode replace needs a token to empty the folder through SOAP; use auth=admin or auth=preauth")
        }
        let url = baseURL + "/service/soap"
        let token = try accountToken(account)
        let folderAnswer = try soap(url, "<GetFolderRequest xmlns=\"urn:zimbraMail\"><folder path=\"/\(XMLText.escape(folder))\"/></GetFolderRequest>",
                                    token: token, account: account, action: "GetFolderRequest")
        guard let id = XMLText.attribute("id", of: "folder", in: String(decoding: folderAnswer.body, as: UTF8.self)) else {
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, message: "\(account): folder \(folder) not found")
        }
        _ = try soap(url, "<FolderActionRequest xmlns=\"urn:zimbraMail\"><action op=\"empty\" id=\"\(XMLText.escape(id))\" recursive=\"0\"/></FolderActionRequest>",
                     token: token, account: account, action: "FolderActionRequest empty")
    }

    private func soap(_ url: String, _ body: String, token: String?, account: String, action: String) throws -> HTTPResponse {
        let request = HTTPRequest(method: "POST", url: url, headers: Self.soapHeaders, body: ZimbraSOAP.envelope(body, authToken: token))
        return try checked(sender.send(request, account: account, action: action, isTransient: ZimbraSOAP.isTransient), account: account, action: action)
    }

    private func checked(_ response: HTTPResponse, account: String, action: String) throws -> HTTPResponse {
        if let code = ZimbraSOAP.faultCode(response) { throw ZimbraSOAP.error(code, response: response, account: account, action: action) }
        guard response.isSuccess else { throw CalendarTargetError.fromResponse(response, account: account, action: action) }
        return response
    }

    private func tokenAnswer(_ response: HTTPResponse) throws -> (String, Double) {
        let xml = String(decoding: response.body, as: UTF8.self)
        guard let token = XMLText.element("authToken", in: xml) else {
            throw CalendarTargetError(code: .serverError, isTransient: true, httpStatus: response.status, message: "Zimbra answered no authToken")
        }
        let lifetime = XMLText.element("lifetime", in: xml).flatMap(Double.init).map { $0 / 1000 } ?? 3600
        return (token, lifetime)
    }

    static let soapHeaders = [("Content-Type", "application/soap+xml; charset=utf-8")]

    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: CalDAVTarget.pathSegmentCharacters) ?? segment
    }

    static func encodeQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~@"))) ?? value
    }
}
