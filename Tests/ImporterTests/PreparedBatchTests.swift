import Foundation
import Postgres
import TestSupport
import Testing

/// A worker reads a batch's stored settings once: every job of the batch shares one prepared
/// batch, and a setting it cannot read fails the jobs for good instead of falling back.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PreparedBatchTests {
    @Test func anUnknownStoredModeFailsEveryJobPermanentlyNamingTheBatchAndTheValue() throws {
        try TestDatabase.with { databaseURL in
            let source = try Self.source("bad-mode", accounts: 2)
            let output = try BadInputTests.makeDirectory("bad-mode-out")
            let cli = CommandRunner(environment: ["DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": "warning"])
            let submit = try cli.run(["submit", "--batch", "oddmode", "--source", source.path, "--target", "file://\(output.path)"])
            #expect(submit.status == 0, "\(submit.standardError)")
            // A row no current submit writes: an older or newer calimport, or a hand edit.
            let connection = try PostgresConnection(url: databaseURL)
            try connection.execute("UPDATE batches SET mode = 'overwrite' WHERE name = 'oddmode'")

            let work = try cli.run(["work", "--until-idle", "--concurrency", "2"])
            #expect(work.status == 0, "\(work.standardError)")
            let status = try BatchStatusJSON.read(cli, batch: "oddmode")
            #expect(status.failed == 2)
            #expect(status.succeeded == 0)
            for failure in status.failedAccounts {
                #expect(failure.reason.contains(failure.account), "\(failure.reason)")
                #expect(failure.reason.contains("batch oddmode"), "\(failure.reason)")
                #expect(failure.reason.contains("\"overwrite\""), "\(failure.reason)")
            }
            // One attempt each, permanent: nothing was retried, nothing written.
            let attempts = try connection.query("SELECT error_class, error_code FROM job_attempts")
            #expect(attempts.count == 2)
            #expect(attempts.allSatisfy { $0["error_class"] == "permanent" && $0["error_code"] == "batch.invalid" })
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)
        }
    }

    @Test func aBatchIsPreparedOncePerWorkerForAllItsJobs() throws {
        try TestDatabase.with { databaseURL in
            let source = try Self.source("prepared-once", accounts: 8)
            let output = try BadInputTests.makeDirectory("prepared-once-out")
            let cli = CommandRunner(environment: ["DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": "info"])
            #expect(try cli.run(["submit", "--batch", "once", "--source", source.path, "--target", "file://\(output.path)"]).status == 0)
            let work = try cli.run(["work", "--until-idle", "--concurrency", "4"])
            #expect(work.status == 0, "\(work.standardError)")
            #expect(try BatchStatusJSON.read(cli, batch: "once").succeeded == 8)
            let preparations = work.standardError.split(separator: "\n").filter { $0.contains("batch.prepared") }
            #expect(preparations.count == 1, "\(work.standardError)")
        }
    }

    /// A source directory of `accounts` accounts holding `BadInputTests.good`.
    static func source(_ name: String, accounts: Int) throws -> URL {
        let source = try BadInputTests.makeDirectory(name)
        for number in 1...accounts {
            try Data(BadInputTests.good.utf8).write(to: source.appendingPathComponent("user\(number)@example.com.ics"))
        }
        return source
    }
}
