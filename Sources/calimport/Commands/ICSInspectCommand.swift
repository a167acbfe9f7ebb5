import ArgumentParser
import Foundation
import ICalendar

/// `calimport ics inspect`: what a file holds and what the reader made of it.
struct ICSInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe FILE: components by type, series, overrides, time zones and how each was resolved, dates covered, problems.",
        discussion: "With --json, one JSON object (fields in the README). Exit 3 when the file is unreadable or not iCalendar.")

    @Argument(help: "An .ics file.")
    var file: String

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @OptionGroup var configFile: ConfigFileOption

    func run() throws {
        try CommandFailure.reporting {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ICalendarError(code: .unreadableFile, message: "cannot read \(file): \(error.localizedDescription)")
            }
            let inspection = try CalendarInspection.inspect(data)
            if json {
                let encoder = JSONEncoder()
                encoder.keyEncodingStrategy = .convertToSnakeCase
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(inspection), as: UTF8.self))
            } else {
                print(Self.text(inspection, file: file), terminator: "")
            }
        }
    }

    /// The human-readable report.
    static func text(_ inspection: CalendarInspection, file: String) -> String {
        var lines: [String] = []
        let components = inspection.components.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("components: " + (components.isEmpty ? "none" : components.joined(separator: ", ")))
        let derived = inspection.derivedUIDs > 0 ? " (\(inspection.derivedUIDs) derived: the components had none)" : ""
        lines.append("items (UIDs): \(inspection.uids)\(derived); recurring series: \(inspection.recurringSeries); "
                     + "overrides: \(inspection.overrides) (\(inspection.overridesWithoutMaster) without their master)")
        let range = "\(inspection.firstStart ?? "-") to "
            + (inspection.openEndedSeries > 0 ? "open end (\(inspection.openEndedSeries) series without end)" : inspection.lastEnd ?? "-")
        lines.append("dates covered (UTC): \(range)")
        lines.append("time zones used: \(inspection.timeZones.count)")
        for zone in inspection.timeZones {
            let target = zone.iana.map { " -> \($0)" } ?? ""
            lines.append("  \(zone.tzid): \(zone.source.rawValue)\(target) (\(zone.items) items)")
        }
        lines.append("problems: \(inspection.problems.count)")
        for problem in inspection.problems {
            let place = [problem.line.map { "line \($0)" }, problem.uid.map { "UID \($0)" }].compactMap { $0 }.joined(separator: ", ")
            lines.append("  \(problem.severity): \(place.isEmpty ? "" : place + ": ")\(problem.reason)")
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
