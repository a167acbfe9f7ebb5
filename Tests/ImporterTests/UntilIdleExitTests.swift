import Foundation
import JobQueue
import Logging
import TestSupport
import Testing

/// `work --until-idle` next to other workers: it waits while they still run jobs (a job may come
/// back for a retry), and exits soon after the last one ends.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct UntilIdleExitTests {
    /// Before, an idle worker looked again only after a whole poll interval (2 s by default):
    /// with several `work --until-idle` processes, every run ended up to 2.4 s after its last
    /// job — 10% of a 20-second benchmark run. Here the poll interval is 60 s, so the old
    /// behaviour cannot pass.
    @Test func anIdleWorkerExitsSoonAfterAnotherProcesssLastJobEnds() throws {
        try TestDatabase.with { url in
            let target = try GatedTarget(accounts: ["a@example.com"])
            defer { target.stop() }
            let cli = WorkerLifecycleTests.cli(url)
            #expect(try cli.run(target.submitArguments(batch: "b")).status == 0)
            let queue = try JobQueue.open(url: url, logger: Logger(label: "test"))
            // Another process holds the only job on the closed gate.
            let holder = try cli.start(["work", "--concurrency", "1"])
            #expect(try eventually { try WorkerLifecycleTests.count(queue, "state = 'running'") == 1 })
            let idle = try cli.start(["work", "--until-idle", "--poll-interval", "60"])
            #expect(try eventually { try queue.workers().count == 2 })
            try target.open()
            let opened = Date()
            let output = try idle.wait(timeout: 40)
            #expect(output.status == 0, "\(output.standardError)")
            #expect(Date().timeIntervalSince(opened) < 20)
            #expect(try queue.status(batchName: "b").first?.succeeded == 1)
            holder.signal(SIGTERM)
            #expect(try holder.wait(timeout: 60).status == 0)
        }
    }
}
