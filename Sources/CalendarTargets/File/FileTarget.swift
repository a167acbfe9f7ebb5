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
        _ calendar: SpooledCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck,
        progress: ImportProgress, logger: Logger
    ) throws -> TargetImportResult {
        if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
        let destination = try file(for: account)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Self.write(calendar, to: destination)
        } catch {
            throw CalendarTargetError(code: .fileSystem, isTransient: false,
                                      message: "\(account): cannot write \(destination.path): \(error.localizedDescription)", underlying: error)
        }
        progress.pushed(calendar.counts.componentsKept)
        return TargetImportResult(imported: calendar.counts.componentsKept)
    }

    /// Streams `calendar` from its spool to a temporary file beside `destination`, then renames
    /// it over `destination` (atomic: a reader sees the old file or the whole new one).
    static func write(_ calendar: SpooledCalendar, to destination: URL) throws {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try calendar.forEachChunk { try handle.write(contentsOf: $0) }
            try handle.synchronize()
            guard rename(temporary.path, destination.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path,
                                                               NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
