import Foundation

/// Zimbra auth tokens and WCAP session ids: who each one acts for, and until when.
final class SessionRegistry: @unchecked Sendable {
    struct Session {
        /// The account it acts for; nil for an administrator token.
        var account: String?
        var expires: Date
    }

    private let lock = NSLock()
    private var sessions: [String: Session] = [:]
    let lifetime: Double

    init(lifetime: Double) {
        self.lifetime = lifetime
    }

    /// A new token acting for `account` (nil: administrator), valid for `lifetime` seconds
    /// (default: the registry's).
    func issue(for account: String?, lifetime: Double? = nil) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
        let expires = Date().addingTimeInterval(lifetime ?? self.lifetime)
        lock.withLock { sessions[token] = Session(account: account, expires: expires) }
        return token
    }

    /// The live session of `token`, if any.
    func session(_ token: String?) -> Session? {
        guard let token else { return nil }
        return lock.withLock {
            guard let session = sessions[token], session.expires > Date() else { return nil }
            return session
        }
    }

    /// Ends `token`.
    func end(_ token: String) {
        _ = lock.withLock { sessions.removeValue(forKey: token) }
    }

    /// Ends every session (clients must log in again).
    func expireAll() {
        lock.withLock { sessions.removeAll() }
    }
}
