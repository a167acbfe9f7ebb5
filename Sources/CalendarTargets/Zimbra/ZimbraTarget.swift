import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into Zimbra / Carbonio the way `zmmailbox postRestURL '/Calendar?fmt=ics' FILE`
/// does: one multipart POST of the whole filtered calendar (VTIMEZONEs first, as Zimbra's
/// streaming parser needs above 128 KB) to `/service/home/{account}/{folder}?fmt=ics&ignore=1`,
/// then a REST export of the folder to learn what the server really holds.
///
/// Zimbra's import stores each component in its own transaction; without `ignore` it stops at
/// the first one it cannot store, keeps what came before and answers 500, and even with it,
/// components it refuses, series with no instances and updates with an older SEQUENCE are only
/// logged on the server (Zimbra/zm-mailbox Invite.java:2186-2198, IcsImportParseHandler.java:
/// 259-273, CalendarItem.java:1980-1982). So the connector sends `ignore=1` and compares the
/// export, per UID and RECURRENCE-ID, with what it sent: each component not held (or held with
/// an older SEQUENCE) is a per-event error. Zimbra matches appointments by UID, so a retry
/// updates instead of duplicating. The ICS import ignores `resolve=`, so `skip-existing` leaves
/// out the UIDs the folder's export already holds; `replace` empties the folder through SOAP
/// (`FolderActionRequest op=empty`) first. REST imports send no invitations.
public struct ZimbraTarget: CalendarTarget {
    /// `http(s)://HOST[:PORT]`.
    public let baseURL: String
    /// The calendar folder, `Calendar` by default.
    public let folder: String
    let authentication: ZimbraAuthentication
    let sender: RequestSender
    let tokens = TokenCache()

    public init(baseURL: String, folder: String, authentication: ZimbraAuthentication, sender: RequestSender) {
        self.baseURL = baseURL
        self.folder = folder
        self.authentication = authentication
        self.sender = sender
    }

    public func importCalendar(
        _ calendar: SpooledCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck,
        progress: ImportProgress, logger: Logger
    ) throws -> TargetImportResult {
        if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
        if let refusal = basicAuthRefusal(account) { throw refusal }
        if mode == .replace { try emptyFolder(account) }
        var sending: [Int]?
        var alreadyHeld = 0
        if mode == .skipExisting {
            // The whole folder, not the window: a UID held outside the window is replaced too.
            let existing = try heldComponents(account).uids
            sending = try calendar.indices { item in
                if existing.contains(item.uid) { alreadyHeld += item.components.count }
                return !existing.contains(item.uid)
            }
            if sending?.isEmpty == true { return TargetImportResult(skipped: alreadyHeld) }
        }
        let answer = try postImport(calendar, items: sending, account: account)
        progress.pushed(calendar.counts.componentsKept)
        progress.enter(.verifying)
        var result = try verify(calendar, items: sending, account: account, answer: answer)
        result.skipped += alreadyHeld
        logger.debug("zimbra.imported", metadata: [
            "account": "\(account)", "http.status": "\(answer.status)", "imported": "\(result.imported)", "failed": "\(result.failed)",
        ])
        return result
    }

    /// Sends a request to the account's folder on the REST interface
    /// (`/service/home/{account}/{folder}?{query}`), authenticated as imports are: the account's
    /// token as `ZM_AUTH_TOKEN` cookie (renewed once on 401), or basic auth with `auth=ba`.
    func rest(_ method: String, _ account: String, query: String, headers: [(String, String)] = [], upload: HTTPUpload? = nil,
              timeout: Double = 60, action: String,
              isTransient: (HTTPResponse) -> Bool = FailureVerdict.isTransient) throws -> HTTPResponse {
        var query = query
        if case .basic = authentication { query += "&auth=ba" }
        let url = "\(baseURL)/service/home/\(Self.encode(account))/\(Self.encode(folder))?\(query)"
        return try withToken(account) { token in
            var request = HTTPRequest(method: method, url: url, headers: headers, timeout: timeout)
            request.body = upload
            if let token { request.headers.append(("Cookie", "ZM_AUTH_TOKEN=\(token)")) }
            if case .basic(let credentials) = authentication { request.credentials = credentials }
            return try sender.send(request, account: account, action: action, isTransient: isTransient)
        }
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

    /// Empties the folder (`replace`): `GetFolderRequest` for its id, then `FolderActionRequest op=empty`.
    private func emptyFolder(_ account: String) throws {
        if case .basic = authentication {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false,
                                      message: "\(account): mode replace needs a token to empty the folder through SOAP; use auth=admin or auth=preauth")
        }
        let token = try accountToken(account)
        let id = try folderInfo(account, token: token).id
        _ = try soap(baseURL + "/service/soap", "<FolderActionRequest xmlns=\"urn:zimbraMail\"><action op=\"empty\" id=\"\(XMLText.escape(id))\" recursive=\"0\"/></FolderActionRequest>",
                     token: token, account: account, action: "FolderActionRequest empty")
    }

    /// The import folder as `GetFolderRequest` (depth 0, by path) describes it.
    struct FolderInfo {
        var id: String
        /// `appointment` for a calendar; nil when the server did not say.
        var view: String?
        /// The number of items in it, when the server said.
        var items: Int?
    }

    /// `GetFolderRequest` of the import folder with the account's token (read-only);
    /// `.accountNotFound` (`mail.NO_SUCH_FOLDER`) when it does not exist.
    func folderInfo(_ account: String, token: String) throws -> FolderInfo {
        let answer = try soap(baseURL + "/service/soap",
                              "<GetFolderRequest xmlns=\"urn:zimbraMail\" depth=\"0\"><folder path=\"/\(XMLText.escape(folder))\"/></GetFolderRequest>",
                              token: token, account: account, action: "GetFolderRequest of /\(folder)")
        let xml = String(decoding: answer.body, as: UTF8.self)
        guard let id = XMLText.attribute("id", of: "folder", in: xml) else {
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, message: "\(account): folder \(folder) not found")
        }
        return FolderInfo(id: id, view: XMLText.attribute("view", of: "folder", in: xml),
                          items: XMLText.attribute("n", of: "folder", in: xml).flatMap(Int.init))
    }

    func soap(_ url: String, _ body: String, token: String?, account: String, action: String) throws -> HTTPResponse {
        let request = HTTPRequest(method: "POST", url: url, headers: Self.soapHeaders, body: ZimbraSOAP.envelope(body, authToken: token))
        return try checked(sender.send(request, account: account, action: action, isTransient: ZimbraSOAP.isTransient), account: account, action: action)
    }

    func checked(_ response: HTTPResponse, account: String, action: String) throws -> HTTPResponse {
        if let code = ZimbraSOAP.faultCode(response) { throw ZimbraSOAP.error(code, response: response, account: account, action: action) }
        guard response.isSuccess else { throw CalendarTargetError.fromResponse(response, account: account, action: action) }
        return response
    }

    static let soapHeaders = [("Content-Type", "application/soap+xml; charset=utf-8")]

    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: CalDAVTarget.pathSegmentCharacters) ?? segment
    }

    static func encodeQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~@"))) ?? value
    }
}
