import Foundation

/// `auth=basic` works on the REST port only for the credential's own mailbox: an administrator
/// logging in there is just another account without rights on other mailboxes (Zimbra/zm-mailbox
/// store/src/java/com/zimbra/cs/mailbox/MailItem.java:1368-1372 `hasFullPermission`), and the
/// server answers 404 (UserServlet.java:345-366, 860).
extension ZimbraTarget {
    var isBasicAuth: Bool {
        if case .basic = authentication { return true }
        return false
    }

    /// The error for importing into `account` with `auth=basic` when it is not the credential's
    /// own mailbox; nil otherwise.
    func basicAuthRefusal(_ account: String) -> CalendarTargetError? {
        guard case .basic(let credentials) = authentication else { return nil }
        return Self.basicAuthRefusal(user: credentials.user, accounts: [account])
    }

    /// The error for a batch whose target is `url` with `auth=basic` when any of `accounts` is not
    /// the mailbox of the credential in `environment`; nil for any other target.
    public static func basicAuthRefusal(_ url: TargetURL, accounts: [String], environment: [String: String]) throws -> CalendarTargetError? {
        guard url.kind == .zimbra, case .basic(let credentials) = try TargetFactory.zimbraAuthentication(url, environment: environment) else {
            return nil
        }
        return basicAuthRefusal(user: credentials.user, accounts: accounts)
    }

    static func basicAuthRefusal(user: String, accounts: [String]) -> CalendarTargetError? {
        let others = accounts.filter { $0.lowercased() != user.lowercased() }
        guard let first = others.first else { return nil }
        let named = others.count == 1 ? first : "\(first) and \(others.count - 1) other accounts"
        return CalendarTargetError(
            code: .invalidTarget, isTransient: false,
            message: "\(named): auth=basic logs in as \(user), which Zimbra lets write only into its own mailbox (another account's "
                + "folder answers 404); use auth=admin (an administrator's delegated token) or auth=preauth (the domain preauth key)")
    }
}
