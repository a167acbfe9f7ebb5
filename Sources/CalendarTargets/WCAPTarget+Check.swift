import Foundation
import HTTPTransport
import Logging

extension WCAPTarget: TargetCheck {
    /// `login.wcap` the way imports log in (with `proxyauth={account}` when the configured user
    /// is someone else); with `account`, `get_calprops.wcap` of the calendar imports write to
    /// (`calid={account}`); then `logout.wcap`. Reads only — but a server may create a user's
    /// default calendar at login (errno 2), as it does when an import logs in; the check says so.
    public func check(account: String?, logger: Logger) throws -> [String] {
        let actingFor = account ?? credentials.user
        let session = try login(actingFor)
        defer { logout(session.id, account: actingFor) }
        var loggedIn = "login.wcap accepted \(credentials.user)" + (actingFor == credentials.user ? "" : " acting for \(actingFor) (proxyauth)")
        if session.errno == 2 { loggedIn += "; errno 2: the server created \(actingFor)'s default calendar at login" }
        var verified = [loggedIn]
        guard let account else { return verified }
        let action = "get_calprops.wcap"
        let query = "id=\(session.id)&calid=\(ZimbraTarget.encodeQuery(account))&fmt-out=text/calendar"
        let response = try sender.send(HTTPRequest(method: "GET", url: "\(baseURL)/get_calprops.wcap?\(query)", timeout: 20), account: account, action: action)
        let errno = try errno(of: response, account: account, action: action)
        switch WCAPErrno.reaction(to: errno) {
        case .success:
            let properties = [("name", "X-NSCP-CALPROPS-NAME"), ("primary owner", "X-NSCP-CALPROPS-PRIMARY-OWNER")]
                .compactMap { label, name in Self.line(name, in: response).map { "\(label) \($0)" } }
            verified.append("\(account): calendar \(account) exists (get_calprops.wcap" + properties.map { ", " + $0 }.joined() + ")")
            return verified
        case .relogin:
            throw CalendarTargetError(code: .unauthorized, isTransient: false, message: "\(account): \(action) refused a fresh session (errno 1)")
        case .failure(let code, let transient, let meaning):
            throw CalendarTargetError(code: code, isTransient: transient, message: "\(account): \(action) failed with errno \(errno) (\(meaning))")
        }
    }
}
