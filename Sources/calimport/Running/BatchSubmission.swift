import CalendarTargets
import ICalendar
import Importer
import JobQueue

/// A batch ready to be enqueued by `submit` or `run`: its definition and the accounts its
/// source holds, checked before anything is enqueued.
struct BatchSubmission {
    /// What is stored with the batch.
    let definition: BatchDefinition
    /// The accounts found, missing and refused.
    let plan: AccountPlan

    /// The batch `name` of `plan`'s accounts, read from `source`, into `target`. Throws an
    /// ``AccountSourceError`` listing the refused account names, if any, and the target's
    /// refusal when its authentication cannot work for some accounts (Zimbra `auth=basic`
    /// writes only into the credential's own mailbox).
    init(name: String, plan: AccountPlan, source: String, target: TargetURL, window: DateWindow, mode: ImportMode, maxAttempts: Int) throws {
        try Self.refuseUnsafeNames(plan)
        try Self.refuseUnusableAuthentication(target, plan: plan)
        self.plan = plan
        definition = BatchDefinition(
            name: name, source: source, target: target.description,
            windowFrom: window.from, windowTo: window.to, mode: mode.rawValue, maxAttempts: maxAttempts)
    }

    /// Enqueues the accounts not in the batch yet (creating the batch if needed) and prints how
    /// many were new, and the accounts without a file.
    @discardableResult
    func submit(to queue: JobQueue) throws -> SubmitResult {
        let result = try queue.submit(definition, accounts: plan.enqueued.map(\.account), targetAccounts: plan.renamed)
        printSummary(result)
        return result
    }

    private func printSummary(_ result: SubmitResult) {
        let existing = result.accountsGiven - result.accountsAdded
        print("batch \(definition.name): \(result.accountsAdded) new accounts enqueued, \(existing) already in the batch (\(result.accountsGiven) accounts from \(definition.source))")
        guard !plan.missing.isEmpty else { return }
        print("\(plan.missing.count) accounts have no file and will fail as 'missing source':")
        for entry in plan.missing.prefix(20) { print("  missing source: \(entry.account) (\(entry.file.path))") }
        if plan.missing.count > 20 { print("  … and \(plan.missing.count - 20) more (see submit --dry-run)") }
    }

    private static func refuseUnusableAuthentication(_ target: TargetURL, plan: AccountPlan) throws {
        let accounts = plan.enqueued.map { plan.renamed[$0.account] ?? $0.account }
        if let refusal = try ZimbraTarget.basicAuthRefusal(target, accounts: accounts, environment: try SettingsStore.targetEnvironment()) {
            throw refusal
        }
    }

    private static func refuseUnsafeNames(_ plan: AccountPlan) throws {
        guard !plan.refused.isEmpty else { return }
        let listed = plan.refused.prefix(50).map { "  refused \(DryRunPrinter.quoted($0.name)): \($0.reason)" }
        let more = plan.refused.count > 50 ? ["  … and \(plan.refused.count - 50) more"] : []
        throw AccountSourceError((["\(plan.refused.count) account names refused; nothing enqueued. Fix or remove them:"] + listed + more)
            .joined(separator: "\n"))
    }
}
