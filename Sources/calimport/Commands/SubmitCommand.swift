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
            if dryRun {
                try DryRunPrinter(json: json).print(DryRunReport.make(plan: try sources.plan(), window: window))
                return
            }
            let submission = BatchSubmission(
                name: batch, sources: sources, target: targetURL,
                window: window, mode: choices.mode, maxAttempts: maxAttempts)
            try submission.submit(to: common.openQueue(logger: logger))
        }
    }
}
