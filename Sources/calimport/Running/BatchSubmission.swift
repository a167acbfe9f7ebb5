import CalendarTargets
import ICalendar
import Importer
import JobQueue

/// A batch ready to be enqueued by `submit` or `run`: its definition and where its accounts
/// come from. The accounts stream from the source into the queue (``AccountIntake`` sorts
/// them on the way); a refused name, or a target whose authentication cannot work for the
/// accounts, rolls the whole submit back.
struct BatchSubmission {
    /// What is stored with the batch.
    let definition: BatchDefinition
    let target: TargetURL
    let sources: AccountSourceOptions

    /// The batch `name` of `sources`' accounts into `target`.
    init(name: String, sources: AccountSourceOptions, target: TargetURL, window: DateWindow, mode: ImportMode, maxAttempts: Int) {
        self.sources = sources
        self.target = target
        definition = BatchDefinition(
            name: name, source: sources.layout.source, target: target.description,
            windowFrom: window.from, windowTo: window.to, mode: mode.rawValue, maxAttempts: maxAttempts)
    }

    /// Streams the accounts not in the batch yet into the queue (creating the batch if
    /// needed), in one transaction, and prints how many were new and the accounts without a
    /// file. Throws an ``AccountSourceError`` listing the refused account names, if any, and
    /// the target's refusal when its authentication cannot work for some accounts (Zimbra
    /// `auth=basic` writes only into the credential's own mailbox); nothing is enqueued then.
    @discardableResult
    func submit(to queue: JobQueue) throws -> SubmitResult {
        let intake = AccountIntake(layout: sources.layout, map: try sources.accountMap())
        let accounts = intake.accounts(try sources.names()).map { (account: $0.account, targetAccount: $0.renamedTo) }
        let result = try queue.submit(definition, accounts: accounts) {
            try Self.refuseUnsafeNames(count: intake.refusedCount, examples: intake.refused)
            try Self.refuseUnusableAuthentication(target, targets: intake.firstTargets)
        }
        printSummary(result, intake: intake)
        return result
    }

    /// The checks ``submit(to:)`` makes, on a plan read beforehand (`run` checks before it
    /// touches the target).
    func check(_ plan: AccountPlan) throws {
        try Self.refuseUnsafeNames(count: plan.refused.count, examples: Array(plan.refused.prefix(AccountIntake.exampleLimit)))
        try Self.refuseUnusableAuthentication(target, targets: plan.enqueued.prefix(AccountIntake.exampleLimit).map(\.targetAccount))
    }

    private func printSummary(_ result: SubmitResult, intake: AccountIntake) {
        let existing = intake.accepted - result.accountsAdded
        print("batch \(definition.name): \(result.accountsAdded) new accounts enqueued, \(existing) already in the batch (\(intake.accepted) accounts from \(definition.source))")
        guard intake.missingCount > 0 else { return }
        print("\(intake.missingCount) accounts have no file and will fail as 'missing source':")
        for entry in intake.missing.prefix(20) { print("  missing source: \(entry.account) (\(entry.file))") }
        if intake.missingCount > 20 { print("  … and \(intake.missingCount - 20) more (see submit --dry-run)") }
    }

    /// Zimbra `auth=basic` can write only into the credential's own mailbox: any other target
    /// account refuses the batch. A few distinct targets decide it (two differ from one user).
    private static func refuseUnusableAuthentication(_ target: TargetURL, targets: [String]) throws {
        if let refusal = try ZimbraTarget.basicAuthRefusal(target, accounts: targets, environment: try SettingsStore.targetEnvironment()) {
            throw refusal
        }
    }

    private static func refuseUnsafeNames(count: Int, examples: [AccountPlan.Refusal]) throws {
        guard count > 0 else { return }
        let listed = examples.prefix(50).map { "  refused \(DryRunPrinter.quoted($0.name)): \($0.reason)" }
        let more = count > listed.count ? ["  … and \(count - listed.count) more"] : []
        throw AccountSourceError((["\(count) account names refused; nothing enqueued. Fix or remove them:"] + listed + more)
            .joined(separator: "\n"))
    }
}
