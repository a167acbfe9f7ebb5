import ICalendar
import Logging

/// A calendar node calimport imports into: one implementation per kind of node.
///
/// Implementations are called from many worker slots at once and must be thread-safe.
public protocol CalendarTarget: Sendable {
    /// Pushes `calendar` (what the window kept of `account`'s file, spooled on disk) into that
    /// account's calendar, streaming whole-calendar bodies from the spool and reading items back
    /// one at a time, so memory stays bounded whatever the account's size. Throws ``CalendarTargetError`` when the account as a whole failed; single refused items are
    /// reported in the result instead.
    ///
    /// `cancellation` is asked at the target's checkpoints: between items for targets that push
    /// item by item, before the request that writes for the others. Once it answers true, the
    /// target sends nothing more and returns what it did so far with
    /// ``TargetImportResult/cancelled`` set.
    ///
    /// `progress` counts the components pushed as their requests are answered (imported,
    /// skipped or refused alike): per item for targets that push item by item, after the
    /// request that writes for the others, which then enter phase `verifying` while they read
    /// back what landed. The caller sets the phase `pushing` and the total before the call.
    func importCalendar(
        _ calendar: SpooledCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck,
        progress: ImportProgress, logger: Logger
    ) throws -> TargetImportResult

    /// Ends what the connector holds open on the node (sessions); called once at shutdown.
    func close(logger: Logger)
}

extension CalendarTarget {
    /// Pushes `calendar` with nobody watching its progress, by default with no way to stop it
    /// part way (``CancellationCheck/never``).
    public func importCalendar(
        _ calendar: SpooledCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck = .never, logger: Logger
    ) throws -> TargetImportResult {
        try importCalendar(calendar, account: account, mode: mode, cancellation: cancellation, progress: ImportProgress(), logger: logger)
    }

    /// Pushes an in-memory calendar (spooled first), by default with no way to stop it part way.
    public func importCalendar(
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck = .never, logger: Logger
    ) throws -> TargetImportResult {
        try importCalendar(SpooledCalendar(calendar), account: account, mode: mode, cancellation: cancellation, logger: logger)
    }

    /// Nothing to close.
    public func close(logger: Logger) {}
}
