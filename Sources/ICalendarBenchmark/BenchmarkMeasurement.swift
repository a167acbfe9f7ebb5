import Foundation
import ICalendar

/// One timed run: bytes processed, wall-clock seconds, peak resident set size and a count
/// that proves the work was done.
struct BenchmarkMeasurement {
    var bytes: Int
    var seconds: Double
    var count: Int

    /// Runs `work` once and measures it.
    static func measure(bytes: Int, _ work: () throws -> Int) rethrows -> BenchmarkMeasurement {
        let start = DispatchTime.now().uptimeNanoseconds
        let count = try work()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return BenchmarkMeasurement(bytes: bytes, seconds: seconds, count: count)
    }

    /// The process's peak resident set size in megabytes (getrusage; Linux reports kilobytes).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// The window given as `FROM TO` (`20250101T000000Z`, `2025-01-01` or `0`).
    static func window<S: Collection>(_ arguments: S) throws -> DateWindow where S.Element == String {
        let values = Array(arguments)
        let from = values.count > 0 ? try DateWindow.parseBound(values[0]) : nil
        let to = values.count > 1 ? try DateWindow.parseBound(values[1]) : nil
        return DateWindow(from: from, to: to)
    }

    /// The result line the ops/bench/ics script reads.
    func line(mode: String) -> String {
        let rate = Double(bytes) / 1_000_000 / max(seconds, 1e-9)
        return String(format: "%@ bytes=%d seconds=%.3f mb_per_s=%.1f peak_rss_mb=%.1f components=%d",
                      mode, bytes, seconds, rate, BenchmarkMeasurement.peakResidentMegabytes(), count)
    }
}
