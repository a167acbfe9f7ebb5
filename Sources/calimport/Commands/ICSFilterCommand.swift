import ArgumentParser
import Foundation
import ICalendar

/// `calimport ics filter`: what the window keeps of one file, streamed with bounded memory.
struct ICSFilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Print what the window keeps of FILE (the calendar, or with --uids the sorted distinct UIDs).",
        discussion: """
        Problems (refused items, unknown time zones) are printed on standard error with their line. \
        The file is read in two passes with memory bounded by its largest series, whatever its size.
        """)

    @Argument(help: "An .ics file.")
    var file: String

    @OptionGroup var window: WindowOptions

    @Flag(name: .long, help: "Print the sorted distinct UIDs kept, one per line.")
    var uids = false

    @OptionGroup var configFile: ConfigFileOption

    func run() throws {
        try CommandFailure.reporting {
            let filter = CalendarFilter(window: try window.window())
            let url = URL(fileURLWithPath: file)
            let report = { (problem: CalendarProblem) in
                FileHandle.standardError.write(Data((ICSCommand.describe(problem, in: file) + "\n").utf8))
            }
            if uids {
                var kept = Set<String>()
                _ = try filter.forEachKeptItem(fileAt: url, problems: report) { kept.insert($0.uid) }
                kept.sorted().forEach { print($0) }
            } else {
                _ = try filter.filter(fileAt: url, to: FileHandle.standardOutput, problems: report)
            }
        }
    }
}
