import Foundation
import JobQueue
import Logging
import Postgres
import TestSupport
import Testing

/// A `work` process whose database connections all break (as at a PostgreSQL restart or
/// failover) reconnects: it keeps heartbeating, LISTENs again, and works what is submitted next.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct ConnectionLossTests {
    @Test func aWorkerWhoseConnectionsBreakReconnectsAndKeepsWorking() throws {
        try TestDatabase.with { url in
            let accounts = ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]
            let target = try GatedTarget(accounts: accounts)
            defer { target.stop() }
            try target.open()
            let cli = WorkerLifecycleTests.cli(url)
            #expect(try cli.run(target.submitArguments(batch: "before")).status == 0)
            // Polling only once a minute: within the test's patience only a notification (or the
            // listener's wake-up after it reconnected) can bring the worker to the next batch.
            let worker = try cli.start(["work", "--concurrency", "2", "--lease", "5", "--heartbeat", "0.3", "--poll-interval", "60"])
            let observer = try JobQueue.open(url: url, logger: Logger(label: "test"))
            #expect(try eventually { try observer.status(batchName: "before").first?.succeeded == 4 })

            let terminated = try Self.terminateOtherBackends(url)
            #expect(terminated >= 3, "the worker holds three connections")
            let queue = try JobQueue.open(url: url, logger: Logger(label: "test"))
            #expect(try cli.run(target.submitArguments(batch: "after")).status == 0)
            #expect(try eventually(timeout: 30) { try queue.status(batchName: "after").first?.succeeded == 4 })
            // Heartbeats resumed: the registry sees the worker alive after the break.
            let heartbeatAfterBreak = Date()
            #expect(try eventually { try (queue.workers().first?.lastHeartbeat ?? .distantPast) > heartbeatAfterBreak })

            worker.signal(SIGTERM)
            let output = try worker.wait(timeout: 60)
            #expect(output.status == 0, "\(output.standardError)")
            #expect(output.standardError.contains("worker.listen.reconnected"), "\(output.standardError)")
        }
    }

    /// Terminates every other backend of the test database (here: the worker's connections and
    /// the test's own observer) and returns how many.
    static func terminateOtherBackends(_ url: String) throws -> Int {
        let admin = try PostgresConnection(url: url)
        let rows = try admin.query("""
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """)
        return try rows.first?.int("n") ?? 0
    }
}
