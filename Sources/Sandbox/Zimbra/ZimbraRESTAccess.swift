import Foundation

/// Who may use the REST interface (`/service/home/{account}/{folder}`) and what Zimbra answers
/// the others, as Zimbra/zm-mailbox store/src/java/com/zimbra/cs/service/UserServlet.java does.
///
/// - Authentication: the `ZM_AUTH_TOKEN` cookie, else basic auth (allowed by default:
///   `AUTH_DEFAULT = "co,jwt,nsc,qp"`, UserServlet.java:293, UserServletContext.java:432-445).
/// - Rights: only the mailbox's owner has full permission (store/src/java/com/zimbra/cs/mailbox/
///   MailItem.java:1368-1372 `hasFullPermission`); an administrator's login on the user port is
///   just another account with no grant on the folder, so resolving the folder fails with
///   PERM_DENIED (UserServlet.java:795, 860). The sandbox grants no shares.
/// - Folders: only `/Calendar` exists (the default calendar, folder id 10); another path is
///   `NoSuchItemException` (UserServlet.java:795-803).
/// - Answer to PERM_DENIED, a missing folder or a missing mailbox (UserServlet.java:345-366
///   `sendError`): 401 "must authenticate" when the cookie authenticated a POST without a CSRF
///   token (calimport sends none), 401 when nobody authenticated, else 404.
struct ZimbraRESTAccess {
    let store: SandboxStore
    let sessions: SessionRegistry
    let configuration: SandboxConfiguration

    /// Zimbra's default calendar folder; the only folder the sandbox has.
    static let calendarFolder = "calendar"

    /// nil when `request` may use `folder` of `account`; else Zimbra's answer.
    func refusal(_ request: SandboxRequest, account: String, folder: String) -> SandboxResponse? {
        let caller: String?
        let byCookie: Bool
        if let session = sessions.session(request.cookie("ZM_AUTH_TOKEN")) {
            caller = session.account ?? configuration.user
            byCookie = true
        } else if let credentials = request.basicCredentials, credentials.password == configuration.password,
                  credentials.user == configuration.user || store.exists(credentials.user) {
            caller = credentials.user
            byCookie = false
        } else {
            return SandboxResponse(status: 401, headers: [("WWW-Authenticate", "BASIC realm=\"Zimbra\"")],
                                   body: Data("must authenticate".utf8))
        }
        let allowed = store.exists(account) && caller == account && folder.lowercased() == Self.calendarFolder
        guard !allowed else { return nil }
        if byCookie, request.method == "POST" || request.method == "PUT" { return .text(401, "must authenticate") }
        return .text(404, "no such item")
    }
}
