import Foundation
import ICalendar
import Logging

/// Writes each account's filtered calendar to `DIR/<account>.ics` (with the time zones it uses),
/// atomically, replacing an earlier file: a retry never duplicates.
public struct FileTarget: CalendarTarget {
    /// The output directory.
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func importCalendar(
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck,
        progress: ImportProgress, logger: Logger
    ) throws -> TargetImportResult {
        if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
        guard !account.contains("/"), account != "..", account != "." else {
            throw CalendarTargetError(code: .refused, isTransient: false, message: "\(account): not a valid file name")
        }
        let destination = directory.appendingPathComponent(account + ".ics")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try calendar.serialized().write(to: destination, options: .atomic)
        } catch {
            throw CalendarTargetError(code: .fileSystem, isTransient: false,
                                      message: "\(account): cannot write \(destination.path): \(error.localizedDescription)", underlying: error)
        }
        progress.pushed(calendar.counts.componentsKept)
        return TargetImportResult(imported: calendar.counts.componentsKept)
    }
}
