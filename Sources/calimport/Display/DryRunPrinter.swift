import Foundation
import Importer

/// Prints a ``DryRunReport``: a table per file, then missing and refused accounts and totals;
/// or the whole report as one JSON document.
struct DryRunPrinter {
    var json: Bool

    func print(_ report: DryRunReport) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        Swift.print(Self.row(["account", "in file", "events", "todos", "series", "overrides", "zones", "problems"]))
        for file in report.files { printFile(file) }
        for missing in report.missing { Swift.print("missing source: \(missing.account) (\(missing.file))") }
        for refused in report.refused { Swift.print("refused: \(Self.quoted(refused.name)): \(refused.reason)") }
        let t = report.totals
        Swift.print("""
            totals: \(t.accounts) accounts (\(t.found) found, \(t.missing) missing, \(t.refused) refused, \(t.unreadable) unusable files); \
            kept \(t.events) events, \(t.todos) todos, \(t.journals) journals (\(t.series) series, \(t.overrides) overrides) \
            of \(t.componentsInFile) components in \(t.bytes) bytes; \(t.timeZones) time zones; \(t.problems) problems\
            \(t.derivedUIDs > 0 ? "; \(t.derivedUIDs) items without UID imported under a derived one" : "")
            """)
    }

    private func printFile(_ file: FileAnalysis) {
        let name = file.account == file.targetAccount ? file.account : "\(file.account) -> \(file.targetAccount)"
        if let error = file.error {
            Swift.print("\(name): cannot be imported: \(error)")
            return
        }
        Swift.print(Self.row([name, "\(file.componentsInFile)", "\(file.events)", "\(file.todos)", "\(file.series)",
                              "\(file.overrides)", "\(file.timeZones)", "\(file.problems.count)"]))
        for problem in file.problems.prefix(10) { Swift.print("    \(problem)") }
        if file.problems.count > 10 { Swift.print("    … and \(file.problems.count - 10) more problems (see --json)") }
    }

    private static func row(_ cells: [String]) -> String {
        let first = cells[0].padding(toLength: max(36, cells[0].count), withPad: " ", startingAt: 0)
        return ([first] + cells.dropFirst().map { String(repeating: " ", count: max(0, 9 - $0.count)) + $0 }).joined(separator: " ")
    }

    /// `name` in quotes with control characters escaped, safe to print on a terminal.
    static func quoted(_ name: String) -> String {
        "\"" + name.unicodeScalars.map { $0.escaped(asASCII: false) }.joined() + "\""
    }
}
