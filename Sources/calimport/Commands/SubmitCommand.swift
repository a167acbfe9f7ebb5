import ArgumentParser
import CalendarTargets
import Foundation
import Importer
import JobQueue

/// `calimport submit`: records a batch and enqueues one job per account.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Enqueue one import job per account of a source (directory, template, list or command).",
        discussion: """
            Submitting the same batch again adds only accounts that are not in it yet. Account names
            that could escape the source directory or are not plausible mailbox names are refused:
            nothing is enqueued until the list is fixed. Accounts without a file are enqueued and fail
            as 'missing source'. --dry-run enqueues nothing and shows what the window keeps per file.
            """)

    @Option(name: .long, help: "Batch name (unique).")
    var batch: String

    @OptionGroup var sources: AccountSourceOptions

    @OptionGroup var target: TargetOption

    @OptionGroup var choices: ImportOptions

    @OptionGroup var attempts: MaxAttemptsOption

    @Flag(name: .long, help: "Do everything but enqueue: list the accounts found, missing and refused, and what the window keeps of each file.")
    var dryRun = false

    @Flag(name: .long, help: "With --dry-run: print the analysis as one JSON document.")
    var json = false

    @OptionGroup var window: WindowOptions
    @OptionGroup var common: CommonOptions

    func run() throws {
        let logger = common.makeLogger("calimport.submit")
        try CommandFailure.reporting {
            let settings = try SettingsStore.current()
            let maxAttempts = try attempts.resolve(settings)
            let targetURL = choices.applied(to: try target.resolve(settings))
            let window = try window.window()
            let plan = try sources.plan()
            if dryRun {
                try DryRunPrinter(json: json).print(DryRunReport.make(plan: plan, window: window))
                return
            }
            try Self.refuseUnsafeNames(plan)
            try Self.refuseUnusableAuthentication(targetURL, plan: plan)
            let definition = BatchDefinition(
                name: batch, source: sources.layout.source, target: targetURL.description,
                windowFrom: window.from, windowTo: window.to, mode: choices.mode.rawValue,
                maxAttempts: maxAttempts)
            let queue = try common.openQueue(logger: logger)
            let result = try queue.submit(definition, accounts: plan.enqueued.map(\.account), targetAccounts: plan.renamed)
            Self.printSummary(result, plan: plan, batch: batch, source: definition.source)
        }
    }

    /// Throws when the target's authentication cannot work for some accounts: Zimbra `auth=basic`
    /// writes only into the credential's own mailbox.
    static func refuseUnusableAuthentication(_ targetURL: TargetURL, plan: AccountPlan) throws {
        let accounts = plan.enqueued.map { plan.renamed[$0.account] ?? $0.account }
        if let refusal = try ZimbraTarget.basicAuthRefusal(targetURL, accounts: accounts, environment: try SettingsStore.targetEnvironment()) {
            throw refusal
        }
    }

    /// Throws a source error listing the refused names, if there are any.
    static func refuseUnsafeNames(_ plan: AccountPlan) throws {
        guard !plan.refused.isEmpty else { return }
        let listed = plan.refused.prefix(50).map { "  refused \(DryRunPrinter.quoted($0.name)): \($0.reason)" }
        let more = plan.refused.count > 50 ? ["  … and \(plan.refused.count - 50) more"] : []
        throw AccountSourceError((["\(plan.refused.count) account names refused; nothing enqueued. Fix or remove them:"] + listed + more)
            .joined(separator: "\n"))
    }

    static func printSummary(_ result: SubmitResult, plan: AccountPlan, batch: String, source: String) {
        let existing = result.accountsGiven - result.accountsAdded
        print("batch \(batch): \(result.accountsAdded) new accounts enqueued, \(existing) already in the batch (\(result.accountsGiven) accounts from \(source))")
        guard !plan.missing.isEmpty else { return }
        print("\(plan.missing.count) accounts have no file and will fail as 'missing source':")
        for entry in plan.missing.prefix(20) { print("  missing source: \(entry.account) (\(entry.file.path))") }
        if plan.missing.count > 20 { print("  … and \(plan.missing.count - 20) more (see submit --dry-run)") }
    }
}
