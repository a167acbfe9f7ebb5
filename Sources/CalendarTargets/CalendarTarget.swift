import ICalendar
import Logging

/// A calendar node calimport imports into: one implementation per kind of node.
///
/// Implementations are called from many worker slots at once and must be thread-safe.
public protocol CalendarTarget: Sendable {
    /// Pushes `calendar` (what the window kept of `account`'s file) into that account's calendar.
    /// Throws ``CalendarTargetError`` when the account as a whole failed; single refused items are
    /// reported in the result instead.
    func importCalendar(
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, logger: Logger
    ) throws -> TargetImportResult

    /// Ends what the connector holds open on the node (sessions); called once at shutdown.
    func close(logger: Logger)
}

extension CalendarTarget {
    /// Nothing to close.
    public func close(logger: Logger) {}
}
