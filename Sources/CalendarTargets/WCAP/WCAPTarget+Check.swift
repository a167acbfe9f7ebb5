import Foundation
import HTTPTransport
import Logging

extension WCAPTarget: TargetCheck {
    /// `login.wcap` the way imports log in (with `proxyauth={account}` when the configured user
    /// is someone else); with `account`, `get_calprops.wcap` of the calendar imports write to
    /// (`calid={account}`) and the `fetchcomponents_by_range.wcap` read imports rely on, saying
    /// what that reliance means; then `logout.wcap`. Reads only — but a server may create a user's
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
            verified.append(try readable(account, session: session.id))
            return verified
        case .relogin:
            throw CalendarTargetError(code: .unauthorized, isTransient: false, message: "\(account): \(action) refused a fresh session (errno 1)")
        case .failure(let code, let transient, let meaning):
            throw CalendarTargetError(code: code, isTransient: transient, message: "\(account): \(action) failed with errno \(errno) (\(meaning))")
        }
    }

    /// Reads the calendar's UIDs the way imports do and states the duplicate risk WCAP leaves.
    private func readable(_ account: String, session: String) throws -> String {
        let action = "fetchcomponents_by_range.wcap"
        let query = "id=\(session)&calid=\(ZimbraTarget.encodeQuery(account))&dtstart=0&dtend=0&component-type=all&recurring=1&attrset=0&fmt-out=text/calendar"
        let response = try sender.send(HTTPRequest(method: "GET", url: "\(baseURL)/\(action)?\(query)", timeout: 60), account: account, action: action)
        let errno = try errno(of: response, account: account, action: action)
        guard WCAPErrno.reaction(to: errno) == .success else {
            throw CalendarTargetError(code: .serverError, isTransient: false, message: "\(account): \(action) failed with errno \(errno): imports need it to avoid duplicates")
        }
        let uids = Set(String(decoding: response.body, as: UTF8.self).split(whereSeparator: \.isNewline).filter { $0.hasPrefix("UID:") })
        return "\(account): \(action) reads the calendar (\(uids.count) UIDs); no document says import.wcap matches UIDs, "
            + "so imports leave UIDs already there as they are (not updated) and read back what a lost answer may have imported before re-sending the rest"
    }
}
