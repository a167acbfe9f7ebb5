import CalendarTargets
import Foundation
import HTTPTransport
import Logging

/// Runs the read-only check of a target with the credentials of the environment and the
/// configuration file and prints what it verified (shared by `check` and `run`).
enum TargetCheckRunner {
    /// Checks `target` (and `account`'s calendar); throws ``CalendarTargetError`` when it is unusable.
    static func run(_ target: TargetURL, account: String?, logger: Logger, print printLine: (String) -> Void) throws {
        guard let check = try TargetFactory.makeCheck(target, httpClient: HTTPClient(), environment: try SettingsStore.targetEnvironment()) else {
            printLine("not checked: \(target.kind.rawValue) targets have no read-only check yet")
            return
        }
        for line in try check.check(account: account, logger: logger) {
            printLine("ok: " + line)
        }
    }
}
