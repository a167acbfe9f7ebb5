import ArgumentParser
import JobQueue

/// `calimport retry`: requeues failed (or cancelled) jobs with a fresh attempt budget.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Move failed jobs (or partial ones, or the named accounts' failed or cancelled jobs) back to pending with a fresh attempt budget.",
        discussion: "Their attempt history is kept. Prints how many jobs were requeued.")

    @Option(name: .long, help: "The batch.")
    var batch: String

    @Flag(name: .long, help: "Every failed job of the batch.")
    var failed = false

    @Flag(name: .long, help: "Every partial job of the batch (succeeded, some components refused): imported again whole.")
    var partial = false

    @Option(name: .long, help: "This account's failed or cancelled job (repeatable).")
    var account: [String] = []

    @Option(name: .long, help: "The failed jobs whose last error has this class (transient, permanent) or code (e.g. source.parse).")
    var errorClass: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        let chosen = [failed, partial, !account.isEmpty, errorClass != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give exactly one of --failed, --partial, --account A..., --error-class CLASS") }
    }

    func run() throws {
        let requeued = try common.operate("retry") { try $0.retry(batchName: batch, selection: selection) }
        print("\(requeued) jobs requeued")
    }

    private var selection: RetrySelection {
        if let errorClass { return .errorClass(errorClass) }
        if partial { return .partial }
        return account.isEmpty ? .failed : .accounts(account)
    }
}
