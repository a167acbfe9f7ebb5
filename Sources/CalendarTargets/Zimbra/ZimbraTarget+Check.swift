import Foundation
import HTTPTransport
import Logging

extension ZimbraTarget: TargetCheck {
    /// Authenticates the way imports do and finds the account's import folder, with read-only
    /// requests only:
    /// - `auth=admin`: `AuthRequest` on the admin endpoint; with `account`, `DelegateAuthRequest`
    ///   (the account exists) and `GetFolderRequest` (depth 0) of `/{folder}` with its token.
    /// - `auth=preauth`: with `account`, `/service/preauth` and `GetFolderRequest` as above.
    /// - `auth=basic`: with `account`, refused unless it is the credential's own mailbox (the
    ///   only one basic auth can write into); then a REST `GET` of the folder (`fmt=ics`, a one-millisecond
    ///   range in 1970 so that next to nothing is exported) with basic auth.
    /// Preauth and basic credentials only exist per account: without one, only reachability is
    /// checked (`GET /`, any HTTP answer).
    public func check(account: String?, logger: Logger) throws -> [String] {
        switch authentication {
        case .admin(let credentials, let adminURL):
            _ = try adminToken(credentials, adminURL: adminURL)
            var verified = ["authenticated as \(credentials.user) on \(adminURL) (admin AuthRequest)"]
            guard let account else { return verified }
            let token = try accountToken(account)
            verified.append("\(account): account exists (DelegateAuthRequest)")
            verified.append(try folderFound(account, token: token))
            return verified
        case .preauth:
            guard let account else { return [try reached("preauth")] }
            let token = try accountToken(account)
            return ["\(account): preauth accepted by \(baseURL)/service/preauth", try folderFound(account, token: token)]
        case .basic(let credentials):
            guard let account else { return [try reached("basic")] }
            if let refusal = basicAuthRefusal(account) { throw refusal }
            let action = "REST GET of /\(folder)"
            let response = try rest("GET", account, query: "fmt=ics&start=86400000&end=86400001", timeout: 20, action: action)
            guard response.status == 200 else { throw CalendarTargetError.fromResponse(response, account: account, action: action) }
            return ["\(account): \(action) accepted \(credentials.user) with basic auth (HTTP 200): the account and its folder exist"]
        }
    }

    /// `GetFolderRequest` of the import folder: it must exist and, when the server names its
    /// view, be a calendar (`appointment`).
    private func folderFound(_ account: String, token: String) throws -> String {
        let found = try folderInfo(account, token: token)
        if let view = found.view, view != "appointment" {
            throw CalendarTargetError(code: .invalidTarget, isTransient: false,
                                      message: "\(account): folder /\(folder) is not a calendar (view \(view)); set folder= to a calendar folder")
        }
        let details = ["id \(found.id)", found.view.map { "view \($0)" }, found.items.map { "\($0) items" }].compactMap { $0 }
        return "\(account): folder /\(folder) found (\(details.joined(separator: ", ")))"
    }

    /// `GET {baseURL}/`: any HTTP answer means the node is reachable.
    private func reached(_ mode: String) throws -> String {
        let url = baseURL + "/"
        do {
            let response = try sender.httpClient.perform(HTTPRequest(method: "GET", url: url, timeout: 20))
            return "reached \(baseURL) (HTTP \(response.status)); auth=\(mode) credentials are verified per account: give --account"
        } catch let error as HTTPTransportError {
            throw CalendarTargetError.fromTransport(error, account: "target", action: "GET \(url)")
        }
    }
}
