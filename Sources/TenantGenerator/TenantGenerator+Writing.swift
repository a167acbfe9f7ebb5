import Foundation

extension TenantGenerator {
    /// Writes `<account>.ics` for every account into `directory` (created if missing) and
    /// returns a summary. Accounts are generated in parallel; the files do not depend on it.
    public func write(to directory: URL) throws -> TenantSummary {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let names = accountNames()
        let tally = TenantTally()
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            guard !tally.hasFailed else { return }
            let (bytes, summary) = renderCalendar(forAccountAt: index)
            let file = directory.appendingPathComponent(names[index] + ".ics", isDirectory: false)
            do {
                try Data(bytes).write(to: file)
                tally.add(summary)
            } catch {
                tally.fail(error)
            }
        }
        return try tally.result(accounts: names.count)
    }
}
