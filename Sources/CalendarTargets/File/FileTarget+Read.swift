import Foundation
import ICalendar
import Logging

extension FileTarget: CalendarReader {
    /// Copies `DIR/<account>.ics` to `sink` in 1 MiB pieces; a missing file reads as an empty
    /// `VCALENDAR`.
    public func readCalendar(account: String, into sink: FileHandle, logger: Logger) throws -> CalendarReadResult {
        let file = try file(for: account)
        guard let source = FileHandle(forReadingAtPath: file.path) else {
            try MergedCalendarWriter(sink: sink).finish()
            return CalendarReadResult(exists: false)
        }
        defer { try? source.close() }
        do {
            while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty { try sink.write(contentsOf: chunk) }
        } catch {
            throw CalendarTargetError(code: .fileSystem, isTransient: false,
                                      message: "\(account): cannot read \(file.path): \(error.localizedDescription)", underlying: error)
        }
        return CalendarReadResult(exists: true, resources: 1)
    }

    /// `DIR/<account>.ics`; an account that is not a plain file name is refused.
    func file(for account: String) throws -> URL {
        guard !account.contains("/"), account != "..", account != "." else {
            throw CalendarTargetError(code: .refused, isTransient: false, message: "\(account): not a valid file name")
        }
        return directory.appendingPathComponent(account + ".ics")
    }
}
