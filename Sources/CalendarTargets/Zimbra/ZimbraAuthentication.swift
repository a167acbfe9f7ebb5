import Foundation

/// How calimport authenticates to a Zimbra/Carbonio node (`auth=` option of the target URL).
public enum ZimbraAuthentication: Sendable {
    /// An administrator (`CALIMPORT_TARGET_USER`/`PASSWORD`): `AuthRequest` on the admin SOAP
    /// endpoint at `adminURL`, then `DelegateAuthRequest` per account. The default.
    case admin(TargetCredentials, adminURL: String)
    /// The domain preauth key (`CALIMPORT_ZIMBRA_PREAUTH_KEY` or `…_FILE`): `/service/preauth`.
    case preauth(key: String)
    /// Basic auth on the REST URL with `auth=ba` (`CALIMPORT_TARGET_USER`/`PASSWORD`).
    case basic(TargetCredentials)
}
