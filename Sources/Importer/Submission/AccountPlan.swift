import Foundation

/// What a submit found: the accounts to enqueue (with their target account and file), those
/// whose file is missing (enqueued too: they fail as `missing source`, visibly), and the
/// names refused as unsafe or implausible (never read, never enqueued).
public struct AccountPlan: Sendable, Equatable {
    /// One account to enqueue.
    public struct Entry: Sendable, Equatable {
        /// The account as the source names it.
        public var account: String
        /// The account on the target (from `--map`, else the same).
        public var targetAccount: String
        /// Its calendar file.
        public var file: URL
    }

    /// A refused name and why.
    public struct Refusal: Sendable, Equatable {
        public var name: String
        public var reason: String
    }

    /// Accounts whose file exists.
    public var found: [Entry] = []
    /// Accounts whose file does not exist.
    public var missing: [Entry] = []
    /// Names refused.
    public var refused: [Refusal] = []

    /// Every account to enqueue (found and missing), in order.
    public var enqueued: [Entry] { (found + missing).sorted { $0.account < $1.account } }

    /// Target account by source account, for the accounts the map renames.
    public var renamed: [String: String] {
        Dictionary(uniqueKeysWithValues: enqueued.filter { $0.account != $0.targetAccount }.map { ($0.account, $0.targetAccount) })
    }

    /// Sorts `names` into found, missing and refused: names are validated (and so are their
    /// mapped targets), duplicates dropped, and each file looked up through `layout` (``SourceFiles``).
    public static func make(names: [String], layout: SourceLayout, map: AccountMap) -> AccountPlan {
        var plan = AccountPlan()
        var seen = Set<String>()
        let files = SourceFiles(layout)
        for name in names where seen.insert(name).inserted {
            let target = map.target(for: name)
            if let reason = AccountIntake.refusal(name, target: target) {
                plan.refused.append(Refusal(name: name, reason: reason))
            } else {
                let entry = Entry(account: name, targetAccount: target, file: layout.file(for: name))
                if files.exists(name) {
                    plan.found.append(entry)
                } else {
                    plan.missing.append(entry)
                }
            }
        }
        return plan
    }
}
