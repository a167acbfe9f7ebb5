import ArgumentParser
import Foundation
import ICalendar

/// `calimport ics …`: the iCalendar engine on single files.
struct ICSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics", abstract: "Work with single iCalendar files.", subcommands: [Filter.self])

    /// `calimport ics filter`.
    struct Filter: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what the window keeps of FILE (the calendar, or with --uids the sorted distinct UIDs).",
            discussion: "Problems (refused items, unknown time zones) are printed on standard error with their line.")

        @Argument(help: "An .ics file.")
        var file: String

        @OptionGroup var window: WindowOptions

        @Flag(name: .long, help: "Print the sorted distinct UIDs kept, one per line.")
        var uids = false

        func run() throws {
            try CommandFailure.reporting {
                let calendar = try CalendarFilter(window: try window.window()).filter(contentsOf: URL(fileURLWithPath: file))
                for problem in calendar.problems {
                    let place = [problem.line.map { "line \($0)" }, problem.uid.map { "UID \($0)" }].compactMap { $0 }.joined(separator: ", ")
                    FileHandle.standardError.write(Data("\(file): \(problem.severity.rawValue): \(place.isEmpty ? "" : place + ": ")\(problem.reason)\n".utf8))
                }
                if uids {
                    Set(calendar.items.map(\.uid)).sorted().forEach { print($0) }
                } else {
                    FileHandle.standardOutput.write(calendar.serialized())
                }
            }
        }
    }
}
