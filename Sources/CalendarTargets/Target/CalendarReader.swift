import Foundation
import Logging

/// A calendar node calimport can read an account's calendar back from — what a verification
/// compares with the file, what a server-to-server migration takes as its source, and what a
/// delta pass learns before sending.
///
/// Implementations read in bounded pieces (never the whole calendar in memory), through the
/// same throttle and retries as the pushes, and are called from many worker slots at once.
public protocol CalendarReader: Sendable {
    /// Writes what `account`'s calendar holds to `sink` as one iCalendar document (each
    /// `VTIMEZONE` once, then the components). A calendar that does not exist reads as an empty
    /// `VCALENDAR` with ``CalendarReadResult/exists`` false; an account or server that cannot be read throws
    /// ``CalendarTargetError``.
    func readCalendar(account: String, into sink: FileHandle, logger: Logger) throws -> CalendarReadResult
}
