import Logging

/// A read-only check of a target before anything is pushed (imapsync's `--justlogin`): reach
/// it, authenticate, and for one account find its calendar. Implementations never write.
public protocol TargetCheck: Sendable {
    /// Checks the target, and `account`'s calendar when one is given. Returns what was verified,
    /// one line each; throws ``CalendarTargetError`` (`.transport`: unreachable,
    /// `.unauthorized`: credentials refused, `.accountNotFound`: no such account) otherwise.
    func check(account: String?, logger: Logger) throws -> [String]
}
