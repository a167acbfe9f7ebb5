import Foundation
import ICalendar
import TenantGenerator

// ICalendarBenchmark — one measurement per process, so each peak RSS is its own:
//   ICalendarBenchmark generate FILE MEGABYTES   writes the deterministic benchmark calendar
//   ICalendarBenchmark parse FILE                reads FILE, parses it into components
//   ICalendarBenchmark filter FILE FROM TO       reads, parses, filters and serializes in memory
//   ICalendarBenchmark stream FILE FROM TO       filters FILE with bounded memory to /dev/null
//   ICalendarBenchmark prepare FILE FROM TO      the worker's read+filter+prepare: FILE into a spool
// Prints one line: `MODE bytes=N seconds=S mb_per_s=R peak_rss_mb=M components=C`.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: ICalendarBenchmark generate|parse|filter|stream|prepare FILE [ARGS]\n".utf8))
    exit(64)
}
let mode = arguments[1]
let url = URL(fileURLWithPath: arguments[2])

do {
    switch mode {
    case "generate":
        let megabytes = arguments.count > 3 ? Int(arguments[3]) ?? 50 : 50
        let generator = TenantGenerator(configuration: .init(accounts: 1, seed: 1))
        let summary = try generator.writeLargeCalendar(to: url, approximateBytes: megabytes * 1_000_000)
        print("generate bytes=\(summary.bytes) components=\(summary.components) uids=\(summary.uids)")
    case "parse":
        let data = try Data(contentsOf: url)
        var document: CalendarDocument?
        let measured = try BenchmarkMeasurement.measure(bytes: data.count) {
            document = try CalendarDocument.parse(data)
            return document?.calendars.reduce(0) { $0 + $1.components.count } ?? 0
        }
        // Printed before `document` is freed: like libical's figure, parsing without freeing.
        print(measured.line(mode: "calimport-parse"))
        withExtendedLifetime(document) {}
    case "filter", "stream", "prepare":
        let window = try BenchmarkMeasurement.window(arguments.dropFirst(3))
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        let measured = try BenchmarkMeasurement.measure(bytes: size) {
            if mode == "filter" {
                let calendar = try CalendarFilter(window: window).filter(contentsOf: url)
                return calendar.serialized().count > 0 ? calendar.counts.componentsKept : 0
            }
            if mode == "prepare" {
                return try CalendarFilter(window: window).spool(fileAt: url) { _ in }.counts.componentsKept
            }
            let sink = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
            defer { try? sink.close() }
            return try CalendarFilter(window: window).filter(fileAt: url, to: sink) { _ in }.componentsKept
        }
        let names = ["filter": "calimport-parse+filter", "stream": "calimport-stream-filter", "prepare": "calimport-read+filter+prepare"]
        print(measured.line(mode: names[mode]!))
    default:
        FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("ICalendarBenchmark: \(error)\n".utf8))
    exit(1)
}
