import Foundation
import JobQueue
import Logging
import Postgres
import TestSupport
import Testing

/// The report at the two ends of its range: a real run of 60 accounts in two domains, and a
/// batch of 1,000,000 accounts made with `generate_series` (succeeded, partial, failed and
/// pending accounts; three failure classes; four domains). The HTML page is rendered in headless
/// Chromium and its DOM checked; CSV and JSON must stream (first row while the command still
/// runs, peak RSS of the command bounded).
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct ReportScaleTests {
    static let headless = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--virtual-time-budget=2000"]

    @Test func smallRunReportListsItsFailedAccountsAndChartsEachDomain() throws {
        let chromium = try ExternalTool("chromium", package: "chromium")
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 57, events: 1...3)
            let broken = Array(tenant.accounts.prefix(3))
            for account in broken {
                try Data("this is not a calendar\n".utf8).write(to: tenant.directory.appendingPathComponent(account + ".ics"))
            }
            let others = ["ann@second.example", "bob@second.example", "eve@third.example"]
            for (account, copied) in zip(others, tenant.accounts.suffix(3)) {
                try FileManager.default.copyItem(at: tenant.directory.appendingPathComponent(copied + ".ics"),
                                                 to: tenant.directory.appendingPathComponent(account + ".ics"))
            }
            let cli = tenant.runner(databaseURL: databaseURL)
            let output = tenant.directory.appendingPathComponent("out")
            #expect(try cli.run(["submit", "--batch", "sixty", "--source", tenant.directory.path, "--target", "file://" + output.path]).status == 0)
            #expect(try cli.run(["work", "--until-idle", "--concurrency", "4"]).status == 0)

            let page = tenant.directory.appendingPathComponent("sixty.html")
            let written = try cli.run(["report", "--batch", "sixty", "--output", page.path])
            #expect(written.status == 0, "\(written.standardError)")
            let html = try String(contentsOf: page, encoding: .utf8)
            #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script src") && !html.contains("<link"),
                    "the report must need no network")
            let dom = try Self.render(page, chromium: chromium)
            #expect(dom.contains("3 of 60 accounts failed"))
            #expect(dom.contains("60: 57 succeeded, 0 partial, 3 failed, 0 pending"))
            #expect(broken.allSatisfy(dom.contains), "every failed account is listed")
            #expect(!dom.contains(tenant.accounts[10]), "succeeded accounts are only in the CSV and JSON")
            #expect(dom.contains("Throughput per domain") && dom.contains("second.example") && dom.contains("third.example"))
            #expect(dom.contains("source.parse") && dom.contains("aria-label=\"Outcomes\""))
            #expect(!dom.contains("Showing the first"), "no cap below the limit")

            let csv = try cli.run(["report", "--batch", "sixty", "--format", "csv"]).standardOutput.split(separator: "\r\n")
            #expect(csv.count == 62 && csv.last?.hasPrefix("TOTAL,") == true)
            #expect((tenant.accounts + others).allSatisfy { account in csv.contains { $0.hasPrefix(account + ",") } })
        }
    }

    @Test func millionAccountReportIsSmallRendersAndItsRowsStream() throws {
        let chromium = try ExternalTool("chromium", package: "chromium")
        try TestDatabase.with { databaseURL in
            try Self.insertMillionAccountBatch(databaseURL)
            let cli = CommandRunner(environment: ["DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": "warning"])
            let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("calimport-report-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }

            let page = directory.appendingPathComponent("million.html")
            let written = try cli.run(["report", "--batch", "million", "--output", page.path], timeout: 300)
            #expect(written.status == 0, "\(written.standardError)")
            let size = try FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int ?? .max
            #expect(size < 5_000_000, "\(size) bytes")
            let empty = directory.appendingPathComponent("empty.html")
            try Data("<!DOCTYPE html><html><body><p>empty</p></body></html>".utf8).write(to: empty)
            let baseline = try Self.timed { _ = try Self.render(empty, chromium: chromium) }
            var dom = ""
            let seconds = try Self.timed { dom = try Self.render(page, chromium: chromium) }
            #expect(seconds < baseline + 10, "the page took \(seconds) s to render, an empty page \(baseline) s (Chromium's start on this machine)")
            #expect(dom.contains("100000 of 1000000 accounts failed"))
            #expect(dom.contains("1000000: 798000 succeeded, 100000 partial, 100000 failed, 2000 pending, 0 running, 0 cancelled"))
            #expect(dom.contains("Showing the first 5000 of 200000 failed and partial accounts"))
            #expect(dom.contains("calimport report --batch million --format csv"))
            #expect(dom.contains("user0000003@d3.example") && dom.contains("user0049993@d1.example"), "the first failed accounts are listed")
            #expect(!dom.contains("user0000001@d1.example"), "no succeeded account in the page")
            for code in ["source.parse", "target.auth", "target.server"] { #expect(dom.contains(code)) }
            for domain in ["d0.example", "d1.example", "d2.example", "d3.example"] { #expect(dom.contains(domain)) }

            let csv = try Self.streamed(cli, ["report", "--batch", "million", "--format", "csv"], firstLine: "source_account,")
            let lines = Self.lines(csv.output)
            #expect(lines.count == 1_000_002)
            #expect(lines[1].hasPrefix("user0000001@d1.example,user0000001@d1.example,succeeded,"))
            #expect(lines.last?.hasPrefix("TOTAL,,798000 succeeded / 100000 partial / 100000 failed / 1000000 accounts") == true)

            let json = try Self.streamed(cli, ["report", "--batch", "million", "--format", "json"], firstLine: "{\"batch\":\"million\"")
            let jsonLines = Self.lines(json.output)
            #expect(jsonLines.count == 1_000_002)
            #expect(jsonLines[1].hasPrefix("{\"account\":\"user0000001@d1.example\""))
            let tail = try #require(try JSONSerialization.jsonObject(with: Data(("{" + jsonLines[jsonLines.count - 1].dropFirst(2)).utf8)) as? [String: Any])
            #expect((tail["totals"] as? [String: Any])?["failed"] as? Int == 100_000)
        }
    }

    /// Runs `arguments`, requires its first line (starting with `firstLine`) while it still runs,
    /// samples its peak RSS (VmHWM) until it ends and requires it under 100 MB.
    static func streamed(_ cli: CommandRunner, _ arguments: [String], firstLine: String) throws -> (output: String, peakKB: Int) {
        let running = try cli.start(arguments)
        #expect(eventually(timeout: 60) { running.standardOutputSoFar.contains("\n") || !running.process.isRunning })
        #expect(running.standardOutputSoFar.hasPrefix(firstLine))
        #expect(running.process.isRunning, "the first line is out while the rows still stream")
        var peakKB = 0
        while running.process.isRunning {
            peakKB = max(peakKB, peakRSSKilobytes(running.process.processIdentifier) ?? 0)
            Thread.sleep(forTimeInterval: 0.05)
        }
        let result = try running.wait(timeout: 600)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(peakKB > 0 && peakKB < 100_000, "\(arguments): peak RSS \(peakKB) kB")
        return (result.standardOutput, peakKB)
    }

    /// The lines of `text` (a million of them: split on bytes, not characters); `\r\n` or `\n` ends one.
    static func lines(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n")).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...], as: UTF8.self)
        }
    }

    /// A process's peak resident set size from /proc, nil once it has exited.
    static func peakRSSKilobytes(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    /// Seconds `body` took.
    static func timed(_ body: () throws -> Void) rethrows -> Double {
        let started = Date()
        try body()
        return Date().timeIntervalSince(started)
    }

    /// Chromium's DOM of `page`, after it rendered.
    static func render(_ page: URL, chromium: ExternalTool) throws -> String {
        let result = try chromium.run(headless + ["--dump-dom", page.absoluteString], timeout: 120)
        #expect(result.status == 0)
        return result.output
    }

    /// Batch `million` of ops/bench/report-fixture.sql (which says what its accounts are), in
    /// a migrated database.
    static func insertMillionAccountBatch(_ databaseURL: String) throws {
        _ = try JobQueue.open(url: databaseURL, logger: Logger(label: "calimport.tests"))
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ops/bench/report-fixture.sql")
        try PostgresConnection(url: databaseURL).execute(try String(contentsOf: fixture, encoding: .utf8))
    }
}
