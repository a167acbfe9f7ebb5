import ArgumentParser
import Foundation
import ICalendar

/// `--from` / `--to`: the import window, half-open [from, to), in UTC.
struct WindowOptions: ParsableArguments {
    @Option(name: .long, help: "Window start: 20241001T000000Z, 2024-10-01T00:00:00Z, 2024-10-01 (midnight UTC) or 0 (unbounded).")
    var from: String = "0"

    @Option(name: .long, help: "Window end (exclusive), same forms as --from.")
    var to: String = "0"

    /// The parsed window; a usage error when a bound cannot be read or `from` is not before `to`.
    func window() throws -> DateWindow {
        let start: Date?, end: Date?
        do {
            start = try DateWindow.parseBound(from)
            end = try DateWindow.parseBound(to)
        } catch let error as ICalendarError {
            throw ValidationError(error.message)
        }
        if let start, let end, start >= end {
            throw ValidationError("--from (\(from)) must be before --to (\(to))")
        }
        return DateWindow(from: start, to: end)
    }
}
