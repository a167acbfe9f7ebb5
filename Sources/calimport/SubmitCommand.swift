import ArgumentParser
import CalendarTargets
import Foundation
import Importer
import JobQueue

/// `calimport submit`: records a batch and enqueues one job per account.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Enqueue one import job per account file of a source directory.",
        discussion: "Submitting the same batch again adds only accounts that are not in it yet.")

    @Option(name: .long, help: "Batch name (unique).")
    var batch: String

    @Option(name: .long, help: "Directory of <account>.ics files.")
    var source: String

    @Option(name: .long, help: "Target URL: file:///DIR or caldav+http(s)://HOST:PORT/PATH/{account}/…")
    var target: String

    @Option(name: .long, help: "merge (add, update by UID), skip-existing or replace (the calendar ends up holding exactly the window).")
    var mode: String = ImportMode.merge.rawValue

    @Option(name: .long, help: "Zimbra/Carbonio folder to import into (default Calendar); stored in the target URL.")
    var folder: String?

    @Option(name: .long, help: "CalDAV scheduling: client (default: SCHEDULE-AGENT=CLIENT, no invitations) or server (the server's default).")
    var invitations: String?

    @OptionGroup var window: WindowOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() throws {
        let logger = logging.makeLogger("calimport.submit")
        try CommandFailure.reporting {
            guard let importMode = ImportMode(rawValue: mode) else {
                throw CommandFailure.fail("--mode must be merge, skip-existing or replace", code: ExitCode.validationFailure.rawValue)
            }
            var targetURL = try TargetURL(target)
            if let folder { targetURL = targetURL.setting("folder", to: folder) }
            if let invitations {
                guard ["client", "server"].contains(invitations) else { throw CommandFailure.fail("--invitations must be client or server", code: ExitCode.validationFailure.rawValue) }
                targetURL = targetURL.setting("invitations", to: invitations)
            }
            let window = try window.window()
            let directory = URL(fileURLWithPath: source, isDirectory: true).standardizedFileURL
            let accounts: [String]
            do {
                accounts = try AccountSource.accounts(inDirectory: directory)
            } catch {
                throw CommandFailure.fail("cannot list source directory \(directory.path): \(error.localizedDescription)", code: CommandFailure.source)
            }
            let definition = BatchDefinition(
                name: batch, source: directory.path, target: targetURL.description,
                windowFrom: window.from, windowTo: window.to, mode: importMode.rawValue)
            let queue = try database.openQueue(logger: logger)
            let result = try queue.submit(definition, accounts: accounts)
            let existing = result.accountsGiven - result.accountsAdded
            print("batch \(batch): \(result.accountsAdded) new accounts enqueued, \(existing) already in the batch (\(result.accountsGiven) found in \(directory.path))")
        }
    }
}
