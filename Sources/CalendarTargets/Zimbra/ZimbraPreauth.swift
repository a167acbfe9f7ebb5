import Crypto
import Foundation

/// Zimbra's domain preauth: an HMAC-SHA1, keyed with the domain's preauth key, over the values
/// of `account`, `by`, `expires` and `timestamp` (in that order, the parameter names sorted)
/// joined by `|`, in lowercase hex.
public enum ZimbraPreauth {
    /// The `preauth` value for these parameters.
    public static func value(key: String, account: String, by: String, expires: String, timestamp: String) -> String {
        let message = [account, by, expires, timestamp].joined(separator: "|")
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
