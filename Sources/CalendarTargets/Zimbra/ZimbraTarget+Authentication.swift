import Foundation
import HTTPTransport

/// How the connector gets an account's token: `DelegateAuthRequest` with the administrator's
/// token, or domain preauth; and where `auth=basic` cannot work.
extension ZimbraTarget {
    /// The longest calimport keeps a delegated token. Zimbra answers `DelegateAuthRequest` with
    /// the lifetime asked for, while the token itself lives min(asked, the account's
    /// `zimbraAuthTokenLifetime`) (Zimbra/zm-mailbox store/src/java/com/zimbra/cs/service/admin/
    /// DelegateAuth.java:63,86-97), which calimport cannot see: one hour, DelegateAuth's own
    /// default (:47), bounds the cache.
    static let longestTokenLifetime = 3600.0

    /// The account's token (cached): `DelegateAuthRequest` (admin) or `/service/preauth`.
    func accountToken(_ account: String) throws -> String {
        try tokens.token(account) {
            switch authentication {
            case .admin(_, let adminURL): return try delegate(account, adminURL: adminURL)
            case .preauth(let key): return try preauth(account, key: key)
            case .basic: return ("", 0)
            }
        }
    }

    /// The administrator's token (cached): `AuthRequest` on the admin SOAP endpoint.
    func adminToken(_ credentials: TargetCredentials, adminURL: String) throws -> String {
        try tokens.token("\u{0}admin") {
            let body = "<AuthRequest xmlns=\"urn:zimbraAdmin\"><name>\(XMLText.escape(credentials.user))</name><password>\(XMLText.escape(credentials.password))</password></AuthRequest>"
            return try tokenAnswer(soap(adminURL + "/service/admin/soap", body, token: nil, account: credentials.user, action: "admin AuthRequest"))
        }
    }

    func delegate(_ account: String, adminURL: String) throws -> (String, Double) {
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

    func preauth(_ account: String, key: String) throws -> (String, Double) {
        let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
        let value = ZimbraPreauth.value(key: key, account: account, by: "name", expires: "0", timestamp: timestamp)
        let url = "\(baseURL)/service/preauth?account=\(Self.encodeQuery(account))&by=name&timestamp=\(timestamp)&expires=0&preauth=\(value)"
        let response = try sender.send(HTTPRequest(method: "GET", url: url), account: account, action: "preauth")
        guard let token = response.cookie("ZM_AUTH_TOKEN"), !token.isEmpty else {
            // A wrong key, a stale timestamp, an unknown and a locked account all answer 400
            // "authentication failed for [name]": the reason is only logged on the server
            // (Zimbra/zm-mailbox PreAuthServlet.java:218-219,264-265; AccountServiceException.java:131-132).
            guard response.status == 400 else { throw CalendarTargetError.fromResponse(response, account: account, action: "preauth") }
            throw CalendarTargetError(code: .unauthorized, isTransient: false, httpStatus: response.status,
                                      message: "\(account): preauth refused: wrong key, unknown or locked account (the server does not say which; HTTP \(response.status): \(response.bodyExcerpt(limit: 120)))")
        }
        return (token, Self.longestTokenLifetime)
    }

    func tokenAnswer(_ response: HTTPResponse) throws -> (String, Double) {
        let xml = String(decoding: response.body, as: UTF8.self)
        guard let token = XMLText.element("authToken", in: xml) else {
            throw CalendarTargetError(code: .serverError, isTransient: true, httpStatus: response.status, message: "Zimbra answered no authToken")
        }
        let lifetime = XMLText.element("lifetime", in: xml).flatMap(Double.init).map { $0 / 1000 } ?? 3600
        return (token, min(lifetime, Self.longestTokenLifetime))
    }

}
