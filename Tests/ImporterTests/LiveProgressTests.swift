import Foundation
@testable import JobQueue
import Logging
import TestSupport
import Testing

/// A running account's phase and components pushed travel with its worker's heartbeat to
/// `status --json`, `status`, `jobs` and `jobs --json` while a gated CalDAV target holds the
/// push; once the push is let through and the job ends, its progress is gone and its result
/// holds the counts.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct LiveProgressTests {
    @Test func pushingProgressIsShownWhileTheTargetHoldsThePushAndGoneOnceItEnds() throws {
        try TestDatabase.with { url in
            // One account of 1,100 events, one PUT at a time; the target answers the PROPFIND and
            // 1,000 PUTs, then holds the next until the gate opens.
            let target = try GatedTarget(accounts: ["big@example.com"], eventsPerAccount: 1_100, answeredBeforeGate: 1_001)
            defer { target.stop() }
            let cli = WorkerLifecycleTests.cli(url)
            #expect(try cli.run(target.submitArguments(batch: "p", targetOptions: "?parallel=1")).status == 0)
            let worker = try cli.start(["work", "--concurrency", "2", "--lease", "5", "--heartbeat", "0.2", "--poll-interval", "0.3"])

            var seen: RunningAccountJSON?
            #expect(try eventually(timeout: 180) {
                seen = try Self.running(cli).first
                return seen?.progress?.phase == "pushing" && seen?.progress?.done == 1_000
            }, "last seen: \(String(describing: seen))")
            let running = try #require(seen)
            #expect(running.account == "big@example.com" && running.batch == "p" && running.attempt == 1)
            #expect(running.progress?.total == 1_100)
            #expect(target.received("PUT") == 1_001)

            let text = try cli.run(["status", "--batch", "p"]).standardOutput
            #expect(text.contains("big@example.com: pushing 1,000/1,100, running for "), "\(text)")
            let table = try cli.run(["jobs", "--batch", "p"]).standardOutput
            #expect(table.contains("progress") && table.contains("pushing 1,000/1,100"), "\(table)")
            let row = try #require(try Self.jobs(cli).first)
            #expect(row.state == "running" && row.progress?.phase == "pushing" && row.progress?.done == 1_000 && row.progress?.total == 1_100)
            try Self.expectWatchShows("big@example.com: pushing 1,000/1,100, running for ", databaseURL: url)

            try target.open()
            #expect(try eventually(timeout: 180) { try BatchStatusJSON.read(cli, batch: "p").succeeded == 1 })
            #expect(try Self.running(cli).isEmpty)
            let done = try #require(try Self.jobs(cli).first)
            #expect(done.state == "succeeded" && done.imported == 1_100 && done.progress == nil)
            #expect(!(try cli.run(["jobs", "--batch", "p"]).standardOutput.contains("pushing")))
            let left = try JobQueue.open(url: url, logger: Logger(label: "test")).connection.query(
                "SELECT count(*) AS n FROM jobs WHERE phase IS NOT NULL OR progress_done IS NOT NULL OR progress_at IS NOT NULL")
            #expect(left.first?["n"] == "0")

            worker.signal(SIGTERM)
            let output = try worker.wait(timeout: 60)
            #expect(output.status == 0, "\(output.standardError)")
        }
    }

    /// `status --watch --batch p` on a real terminal (tmux) shows `expected` under `running longest:`.
    static func expectWatchShows(_ expected: String, databaseURL: String) throws {
        let tmux = try ExternalTool("tmux", package: "tmux")
        // ops/test kills every server whose socket has its run's prefix when it ends.
        let prefix = ProcessInfo.processInfo.environment["TEST_TMUX_PREFIX"] ?? "calimport-test-"
        let socket = prefix + "\(UInt32.random(in: 0...UInt32.max))"
        defer { _ = try? tmux.run(["-L", socket, "kill-server"]) }
        let command = "env DATABASE_URL='\(databaseURL)' '\(CommandRunner.executable)' status --watch --interval 0.2 --batch p; sleep 600"
        try tmux.run(["-L", socket, "new-session", "-d", "-s", "watch", "-x", "200", "-y", "20", command])
        func screen() -> String { (try? tmux.run(["-L", socket, "capture-pane", "-p", "-t", "watch"]).output) ?? "" }
        #expect(eventually { screen().contains("running longest:") && screen().contains(expected) }, "\(screen())")
    }

    /// The running accounts `status --batch p --json` lists.
    static func running(_ cli: CommandRunner) throws -> [RunningAccountJSON] {
        let output = try cli.run(["status", "--batch", "p", "--json"])
        #expect(output.status == 0, "\(output.standardError)")
        let line = output.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
        return try JSONDecoder().decode(StatusLine.self, from: Data(line.utf8)).slowestRunning
    }

    static func jobs(_ cli: CommandRunner) throws -> [JobLine] {
        try cli.run(["jobs", "--batch", "p", "--json"]).standardOutput.split(separator: "\n")
            .map { try JSONDecoder().decode(JobLine.self, from: Data($0.utf8)) }
    }

    struct StatusLine: Decodable {
        var slowestRunning: [RunningAccountJSON]
        enum CodingKeys: String, CodingKey { case slowestRunning = "slowest_running" }
    }

    struct JobLine: Decodable {
        var state: String
        var imported: Int
        var progress: ProgressJSON?
    }
}

/// One of `status --json`'s `slowest_running`.
struct RunningAccountJSON: Decodable {
    var batch: String
    var account: String
    var attempt: Int
    var progress: ProgressJSON?
}

/// A running job's `progress` object in `status --json` and `jobs --json`.
struct ProgressJSON: Decodable {
    var phase: String
    var done: Int
    var total: Int?
}
