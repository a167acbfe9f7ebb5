import Foundation
import TestSupport
import Testing

/// The operator's loop: a one-shot `run` ends with failed accounts (their calendars do not exist
/// on the server yet), the operator fixes the cause, `retry --failed` requeues exactly those, and
/// the batch ends with every account succeeded and every event on the server once.
@Suite(.enabled(if: TestDatabase.isEnabled && RadicaleServer.isEnabled))
struct RetryAfterFixTests {
    @Test func retryFailedAfterTheFixBringsTheBatchToAllSucceeded() throws {
        let server = try RadicaleServer.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 20, events: 3...6)
            let missing = Set(tenant.accounts.enumerated().filter { $0.offset % 5 == 0 }.map(\.element))
            try tenant.createPrincipals(on: server, except: missing)
            let cli = tenant.runner(databaseURL: databaseURL)
            let target = "caldav+\(server)/{account}/calendar/"
            let run = try cli.run(["run", "--batch", "fix", "--source", tenant.directory.path, "--target", target,
                                   "--report", NSTemporaryDirectory() + "fix-report-\(UInt32.random(in: 0...UInt32.max)).html"], timeout: 600)
            #expect(run.status == 1, "run should finish with failed accounts: \(run.standardError.suffix(1000))")
            var status = try BatchStatusJSON.read(cli, batch: "fix")
            #expect(status.failed == missing.count)
            #expect(Set(status.failedAccounts.map(\.account)) == missing)

            try tenant.createPrincipals(on: server, except: Set(tenant.accounts).subtracting(missing))
            let retry = try cli.run(["retry", "--batch", "fix", "--failed"])
            #expect(retry.status == 0, "\(retry.standardError)")
            #expect(retry.standardOutput.contains("\(missing.count) jobs requeued"))
            let work = try cli.run(["work", "--until-idle", "--concurrency", "4"], timeout: 600)
            #expect(work.status == 0)
            status = try BatchStatusJSON.read(cli, batch: "fix")
            #expect(status.succeeded == tenant.accounts.count)
            #expect(status.failed == 0)
            try tenant.expectServerHoldsExactlyTheSourceEvents(on: .radicale)
        }
    }
}
