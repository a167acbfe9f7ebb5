import Crypto
import Foundation

/// How the sandbox verifies a `/service/preauth` request, computed on its own from Zimbra's code
/// (never with the connector's `ZimbraPreauth`, which this verifies).
///
/// Zimbra/zm-mailbox store/src/java/com/zimbra/cs/account/ldap/LdapProvisioning.java:5352-5393
/// (`verifyPreAuth`): the timestamp must be within `TIMESTAMP_WINDOW` (5 minutes, :5250) of the
/// server's clock; the expected value is `PreAuthKey.computePreAuth` over the parameters
/// `account`, `by`, `timestamp`, `expires` (and `admin=1` for admin preauth), compared ignoring
/// case. store/src/java/com/zimbra/cs/account/PreAuthKey.java:56-77: the parameter names are
/// sorted (a `TreeSet`), their values joined with `|`, and HMAC-SHA1 keyed with the bytes of the
/// key text is hex-encoded.
struct ZimbraPreauthCheck {
    /// The domain's preauth key.
    let key: String

    /// Whether `given` is the preauth value of `parameters` (name → value).
    func accepts(_ given: String, parameters: [String: String]) -> Bool {
        let message = parameters.keys.sorted().compactMap { parameters[$0] }.joined(separator: "|")
        var hmac = HMAC<Insecure.SHA1>(key: SymmetricKey(data: Array(key.utf8)))
        hmac.update(data: Array(message.utf8))
        let hex = Array(hmac.finalize()).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
        return hex == given.lowercased()
    }

    /// Whether `timestamp` (milliseconds) is within five minutes of `now`.
    static func isRecent(_ timestamp: String, now: Date = Date()) -> Bool {
        guard let millis = Int64(timestamp) else { return false }
        return abs(Int64(now.timeIntervalSince1970 * 1000) - millis) <= 5 * 60 * 1000
    }
}
