import ArgumentParser
import Foundation
import ICalendar

/// `calimport ics …`: the iCalendar engine on single files.
struct ICSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ics", abstract: "Work with single iCalendar files.",
        subcommands: [ICSFilterCommand.self, ICSInspectCommand.self])

    /// One problem as the `ics` commands print it: `FILE: severity: line N, UID u: reason`.
    static func describe(_ problem: CalendarProblem, in file: String) -> String {
        let place = [problem.line.map { "line \($0)" }, problem.uid.map { "UID \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return "\(file): \(problem.severity.rawValue): \(place.isEmpty ? "" : place + ": ")\(problem.reason)"
    }
}
