import CalendarTargets
import Foundation
import HTTPTransport
import Logging

/// Runs the read-only check of a target with the credentials of the environment and the
/// configuration file and prints what it verified (shared by `check` and `run`).
enum TargetCheckRunner {
    /// Checks `target`, and the calendar of each of `accounts`; prints what was verified, one
    /// `ok:` line each (a line already printed for an earlier account is not repeated). An
    /// account that is not found is reported on standard error and the others are still
    /// checked; any other failure (unreachable, credentials refused) ends the check at once.
    /// Throws ``CalendarTargetError`` when the target or any account is unusable.
    static func run(_ target: TargetURL, accounts: [String], logger: Logger, print printLine: (String) -> Void) throws {
        guard let check = try TargetFactory.makeCheck(target, httpClient: HTTPClient(), environment: try SettingsStore.targetEnvironment()) else {
            printLine("not checked: \(target.kind.rawValue) targets have no read-only check yet")
            return
        }
        var printed = Set<String>()
        var missing: [String] = []
        let checked: [String?] = accounts.isEmpty ? [nil] : accounts
        for account in checked {
            do {
                for line in try check.check(account: account, logger: logger) where printed.insert(line).inserted {
                    printLine("ok: " + line)
                }
            } catch let error as CalendarTargetError where error.code == .accountNotFound && accounts.count > 1 {
                CommandFailure.printError(error.message)
                missing.append(account ?? "")
            }
        }
        guard !missing.isEmpty else { return }
        throw CalendarTargetError(code: .accountNotFound, isTransient: false,
                                  message: "\(missing.count) of \(accounts.count) accounts not found on the target: \(missing.joined(separator: ", "))")
    }
}
