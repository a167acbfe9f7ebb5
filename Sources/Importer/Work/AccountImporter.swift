import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import JobQueue
import Logging

/// Runs one claimed job: reads the account's file, parses it, keeps what falls in the batch's
/// window, pushes it to the target, and turns whatever happened into a ``JobOutcome``.
/// Never throws: bad input fails that account with a reason that names it.
///
/// Memory per job is bounded whatever the account's size: the file is read in chunks and
/// filtered series by series into a spool file (``CalendarFilter/spool(fileAt:problems:)``, one
/// anonymous temporary file per job, gone when the job ends), and the target pushes from it
/// (``SpooledCalendar``).
///
/// A cancelled job stops after reading and filtering, or at the target's next checkpoint; it
/// then fails permanently with code `job.cancelled` (the queue records it `cancelled`), its
/// counters holding what was pushed before it stopped.
public final class AccountImporter: Sendable {
    private let context: TargetFactory.Context
    private let retryPolicy: RetryPolicy
    private let batches = PreparedBatches()

    /// An importer whose connectors share `httpClient` and one throttle per target host
    /// (`throttle` settings), with credentials from `environment` (see ``TargetFactory``).
    public init(
        httpClient: HTTPClient, throttle: HostThrottle.Configuration = .init(), retryPolicy: RetryPolicy,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        context = TargetFactory.Context(httpClient: httpClient, throttles: TargetThrottles(configuration: throttle), environment: environment)
        self.retryPolicy = retryPolicy
    }

    /// Closes every connector's sessions (WCAP `logout.wcap`); call once when the pool stopped.
    public func close(logger: Logger) {
        batches.all().forEach { $0.target.close(logger: logger) }
    }

    /// Imports `job`'s account for `batch` and returns the outcome to record, stopping early
    /// once `cancellation` answers true. `progress` goes through the phases `reading`,
    /// `filtering` and `pushing` (with the kept components as its total); the target counts
    /// what it pushed.
    public func run(
        _ job: ClaimedJob, batch: Batch, cancellation: CancellationCheck, progress: ImportProgress, logger: Logger
    ) -> JobOutcome {
        var counters = JobCounters()
        var itemErrors: [ItemError] = []
        do {
            let prepared = try prepare(batch, account: job.account, logger: logger)
            let calendar = try readAndFilter(job.account, batch: prepared, counters: &counters, itemErrors: &itemErrors, progress: progress)
            Self.warnAboutDerivedUIDs(calendar, logger: logger)
            counters.failed = itemErrors.count
            if cancellation.isCancelled { throw Self.cancelled(job.account, counters: counters) }
            progress.enter(.pushing, total: counters.componentsKept)
            let result = try prepared.target.importCalendar(
                calendar, account: job.targetAccount, mode: prepared.mode, cancellation: cancellation, progress: progress, logger: logger)
            counters.imported = result.imported
            counters.skipped = result.skipped
            counters.failed += result.failed
            itemErrors += result.itemErrors
            if result.cancelled { throw Self.cancelled(job.account, counters: counters) }
            if let failure = Self.nothingArrived(job.account, counters: counters, itemErrors: itemErrors) { throw failure }
            return JobOutcome(job: job, result: .succeeded, counters: counters, itemErrors: itemErrors)
        } catch let failure as JobFailure {
            return failed(job, failure, counters: counters, itemErrors: itemErrors)
        } catch let error as CalendarTargetError {
            let failure = JobFailure(
                failureClass: error.isTransient ? .transient : .permanent, code: error.code.description,
                httpStatus: error.httpStatus, message: error.message, retryAfter: error.retryAfter)
            return failed(job, failure, counters: counters, itemErrors: itemErrors)
        } catch {
            let failure = JobFailure(failureClass: .permanent, code: "internal", message: "\(job.account): \(error)")
            return failed(job, failure, counters: counters, itemErrors: itemErrors)
        }
    }

    /// `batch` prepared (once per process, see ``PreparedBatches``); a failure names `account`
    /// and the batch. Logs `batch.prepared` when this job was the first to see the batch.
    private func prepare(_ batch: Batch, account: String, logger: Logger) throws -> PreparedBatch {
        do {
            let (prepared, isNew) = try batches.prepared(batch) { try PreparedBatch(batch, context: context) }
            if isNew {
                logger.info("batch.prepared", metadata: [
                    "batch.mode": "\(prepared.mode.rawValue)", "batch.invitations": "\(prepared.invitations.rawValue)",
                ])
            }
            return prepared
        } catch var failure as JobFailure {
            failure.message = "\(account): \(failure.message)"
            throw failure
        } catch var error as CalendarTargetError {
            error.message = "\(account): batch \(batch.definition.name): \(error.message)"
            throw error
        }
    }

    /// Filters the account's file into a spool; per-event errors go to `itemErrors` as found.
    private func readAndFilter(_ account: String, batch: PreparedBatch, counters: inout JobCounters,
                               itemErrors: inout [ItemError], progress: ImportProgress) throws -> SpooledCalendar {
        progress.enter(.reading)
        let file = batch.source.file(for: account)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw JobFailure(failureClass: .permanent, code: "source.missing", message: "\(account): missing source: \(file.path) does not exist")
        }
        let size: Int
        do {
            size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        } catch {
            throw JobFailure(failureClass: .permanent, code: "source.unreadable",
                             message: "\(account): cannot read \(file.path): \(Self.reason(error))")
        }
        counters.bytes = size
        guard size > 0 else {
            throw JobFailure(failureClass: .permanent, code: "source.empty", message: "\(account): \(file.path) is empty")
        }
        let filter = CalendarFilter(window: batch.window)
        progress.enter(.filtering)
        do {
            var errors: [ItemError] = []
            let calendar = try filter.spool(fileAt: file) { problem in
                if problem.severity == .error { errors.append(ItemError(problem)) }
            }
            itemErrors = errors
            counters.componentsInFile = calendar.counts.componentsInFile
            counters.componentsKept = calendar.counts.componentsKept
            counters.derivedUIDs = calendar.counts.derivedUIDs
            return calendar
        } catch let error as ICalendarError where error.code == .unreadableFile {
            throw JobFailure(failureClass: .permanent, code: "source.unreadable", message: "\(account): \(error.message)")
        } catch let error as ICalendarError {
            throw JobFailure(failureClass: .permanent, code: "source.parse", message: "\(account): \(file.lastPathComponent): \(error.message)")
        }
    }

    private func failed(_ job: ClaimedJob, _ failure: JobFailure, counters: JobCounters, itemErrors: [ItemError]) -> JobOutcome {
        let delay = retryPolicy.delay(afterAttempt: job.attempt, retryAfter: failure.retryAfter)
        return JobOutcome(job: job, result: .failed(failure, retryDelay: delay), counters: counters, itemErrors: itemErrors)
    }

    /// The failure of a job an operator cancelled: permanent, so it is not retried.
    static func cancelled(_ account: String, counters: JobCounters) -> JobFailure {
        JobFailure(failureClass: .permanent, code: "job.cancelled",
                   message: "\(account): cancelled by an operator after \(counters.imported) of \(counters.componentsKept) components were imported")
    }

    /// The failure of an account none of whose components arrived although some should have:
    /// every kept component was refused (or none could be read). Permanent, code
    /// `target.refused`, naming the first reasons; the item errors keep the rest. An account
    /// with some components refused and others imported is partial instead (succeeded with
    /// `failed > 0`, see `JobQueue.accountStateSQL`).
    static func nothingArrived(_ account: String, counters: JobCounters, itemErrors: [ItemError]) -> JobFailure? {
        guard counters.failed > 0, counters.imported == 0, counters.skipped == 0 else { return nil }
        let first = itemErrors.prefix(3).map { ($0.uid.map { "UID \($0): " } ?? "") + $0.reason }
        let more = itemErrors.count > first.count ? "; … \(itemErrors.count - first.count) more" : ""
        return JobFailure(failureClass: .permanent, code: CalendarTargetError.Code.refused.description,
                          message: "\(account): none of its \(counters.failed) components was imported: \(first.joined(separator: "; "))\(more)")
    }

    /// Components without UID are imported under derived UIDs (a warning, not an item error:
    /// the account is not partial because of them); one log line names their lines.
    static func warnAboutDerivedUIDs(_ calendar: SpooledCalendar, logger: Logger) {
        guard calendar.counts.derivedUIDs > 0 else { return }
        let components = calendar.entries.lazy.filter(\.hasDerivedUID).reduce(0) { $0 + Int($1.components) }
        let lines = calendar.derivedUIDLines
        let shown = lines.prefix(20).map(String.init).joined(separator: ", ") + (components > 20 ? ", …" : "")
        logger.warning("job.uids.derived", metadata: ["components": "\(components)", "lines": "\(shown)"])
    }

    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
