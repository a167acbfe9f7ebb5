import Foundation
import Testing
@testable import ICalendar
import TestSupport

/// Compares the window's kept UIDs with an independent implementation, python's
/// recurring-ical-events (installed in `.venv` by `ops/lib/prerequisites.sh`), over the
/// real-world corpus for several windows. Skipped when the venv or the corpus is missing,
/// unless `REQUIRE_REFERENCE_IMPLEMENTATION=1` (set by `ops/test`). Every difference is
/// either fixed or listed in ``ReferenceDifferences`` with the reason for it.
@Suite struct ReferenceComparisonTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = package.appendingPathComponent(".venv/bin/python")
    static let script = package.appendingPathComponent("Tests/ReferenceImplementations/recurring_ical_events_uids.py")
    static let windows = [
        ("20240101T000000Z", "20240401T000000Z"),
        ("20100101T000000Z", "20300101T000000Z"),
        ("19970101T000000Z", "19980101T000000Z"),
        ("20250301T000000Z", "20250302T000000Z"),
    ]

    static var isAvailable: Bool {
        RealWorldCorpus.isEnabled && referenceRuns()
    }

    static func referenceRuns() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return false }
        return (try? run([python.path, "-c", "import recurring_ical_events"]).status) == 0
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func referenceImplementationIsPresentWhenRequired() {
        if ProcessInfo.processInfo.environment["REQUIRE_REFERENCE_IMPLEMENTATION"] == "1" {
            #expect(Self.referenceRuns(), "recurring-ical-events missing from \(Self.python.path)")
        }
    }

    @Test(.enabled(if: isAvailable))
    func keptUIDsMatchRecurringICalEvents() throws {
        let files = try CorpusTests.files.map(\.path)
        let arguments = [Self.python.path, Self.script.path] + Self.windows.map { "\($0.0),\($0.1)" } + ["--"] + files
        let (status, output) = try Self.run(arguments)
        try #require(status == 0)
        let reference = try JSONSerialization.jsonObject(with: output) as? [String: [String: Any]] ?? [:]
        var compared = 0
        var undocumented: [String] = []
        for file in files {
            guard let ours = try? CalendarDocument.parse(Data(contentsOf: URL(fileURLWithPath: file))),
                  let theirs = reference[file], theirs["error"] == nil else { continue }
            for (from, to) in Self.windows {
                let window = Fixtures.window(from, to)
                // The reference skips components without UID; calimport imports them under derived UIDs.
                let kept = Set(CalendarFilter(window: window).filter(ours).items.filter { !$0.hasDerivedUID }.map(\.uid))
                let expected = Set(theirs["\(from),\(to)"] as? [String] ?? [])
                compared += 1
                guard kept != expected else { continue }
                let name = URL(fileURLWithPath: file).pathComponents.suffix(2).joined(separator: "/")
                let difference = ReferenceDifferences.Difference(file: name, window: "\(from)/\(to)",
                                                                 onlyOurs: kept.subtracting(expected).sorted(),
                                                                 onlyTheirs: expected.subtracting(kept).sorted())
                if ReferenceDifferences.reason(for: difference) == nil { undocumented.append("\(difference)") }
            }
        }
        print("reference comparison: \(compared) file×window pairs, \(undocumented.count) undocumented differences")
        #expect(compared > 1000)
        #expect(undocumented.isEmpty, "\(undocumented.joined(separator: "\n"))")
    }
}
