import Foundation
import HTTPTransport
import Logging

extension BlueMindTarget: TargetCheck {
    /// `GET /api/auth` (the API key's user: the key is accepted); with `account`, the user
    /// lookup imports make (`GET /api/users/{domain}/byLogin/{login}`) and
    /// `GET /api/containers/_manage/{container}` of the default calendar imports write to.
    /// Reads only.
    public func check(account: String?, logger: Logger) throws -> [String] {
        let current = Self.object(try call("GET", "\(baseURL)/api/auth", account: account ?? "target", action: "GET /api/auth").body)
        let name = (current["value"] as? [String: Any])?["login"] as? String ?? current["uid"] as? String ?? "an unnamed user"
        var verified = ["authenticated with the API key as \(name) (GET /api/auth)"]
        guard let account else { return verified }
        let uid = try userUID(account)
        verified.append("\(account): user \(uid) found (byLogin)")
        let container = Self.defaultCalendar(ofUser: uid)
        let action = "GET of container \(container)"
        let response = try call("GET", "\(baseURL)/api/containers/_manage/\(ZimbraTarget.encode(container))",
                                account: account, action: action, acceptNotFound: true)
        let descriptor = Self.object(response.body)
        guard response.status != 404, descriptor["uid"] as? String == container else {
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, httpStatus: response.status,
                                      message: "\(account): user \(uid) has no calendar \(container) (HTTP \(response.status))")
        }
        let details = [descriptor["name"].map { "name \($0)" }, descriptor["owner"].map { "owner \($0)" }].compactMap { $0 }
        verified.append("\(account): calendar \(container) exists" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"))
        return verified
    }

    private static func object(_ body: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
    }
}
