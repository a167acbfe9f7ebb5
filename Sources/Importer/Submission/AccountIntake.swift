import Foundation

/// Sorts account names one at a time, as a submit streams them into the queue: each new,
/// acceptable name comes back with its target account (when `--map` renames it) to be
/// enqueued; a repeated name is dropped; a refused one (``AccountName``, or a mapped target
/// that is refused) is counted and, for the first ``exampleLimit``, kept with its reason;
/// an account without a file is enqueued (it fails as `missing source`) and counted, the
/// first ``exampleLimit`` kept with their file. Only the set of names seen grows with the
/// list. Whether a file exists is looked up in one listing of the source directory (one
/// `stat` per account for a template), not through `FileManager` per account.
public final class AccountIntake {
    /// How many refused and missing accounts are kept as examples.
    public static let exampleLimit = 50

    /// One account to enqueue.
    public struct Account: Sendable, Equatable {
        public var account: String
        /// The account on the target when the map renames it, else nil.
        public var renamedTo: String?
    }

    public let layout: SourceLayout
    public let map: AccountMap
    /// Distinct acceptable names taken (found and missing).
    public private(set) var accepted = 0
    /// Of those, the accounts without a file.
    public private(set) var missingCount = 0
    /// The first missing accounts and their file path.
    public private(set) var missing: [(account: String, file: String)] = []
    /// Names refused.
    public private(set) var refusedCount = 0
    /// The first refused names and why.
    public private(set) var refused: [AccountPlan.Refusal] = []
    /// The first accepted target accounts (for checks that need a few of them).
    public private(set) var firstTargets: [String] = []

    private var seen = Set<String>()
    private let files: SourceFiles

    public init(layout: SourceLayout, map: AccountMap) {
        self.layout = layout
        self.map = map
        files = SourceFiles(layout)
    }

    /// The account to enqueue for `name`, or nil when it is a repeat or refused.
    public func take(_ name: String) -> Account? {
        guard seen.insert(name).inserted else { return nil }
        let target = map.target(for: name)
        if let reason = Self.refusal(name, target: target) {
            refusedCount += 1
            if refused.count < Self.exampleLimit { refused.append(AccountPlan.Refusal(name: name, reason: reason)) }
            return nil
        }
        accepted += 1
        if firstTargets.count < Self.exampleLimit { firstTargets.append(target) }
        if !files.exists(name) {
            missingCount += 1
            if missing.count < Self.exampleLimit { missing.append((name, layout.file(for: name).path)) }
        }
        return Account(account: name, renamedTo: target == name ? nil : target)
    }

    /// The accounts to enqueue of `names`, taken lazily as the sequence is read.
    public func accounts<Names: Sequence>(_ names: Names) -> LazyMapSequence<LazyFilterSequence<LazyMapSequence<Names, Account?>>, Account>
    where Names.Element == String {
        names.lazy.compactMap { self.take($0) }
    }

    /// Why `name`, mapped to `target`, is refused, or nil.
    static func refusal(_ name: String, target: String) -> String? {
        if let reason = AccountName.refusal(name) { return reason }
        if target != name, let reason = AccountName.refusal(target) { return "mapped to '\(target)': \(reason)" }
        return nil
    }
}
