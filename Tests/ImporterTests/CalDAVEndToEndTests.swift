import Foundation
import HTTPTransport
import TenantGenerator
import TestSupport
import Testing

/// The whole pipeline against a real PostgreSQL and every real CalDAV server ops/test runs
/// (Radicale, Xandikos): submit, two worker processes at once, read every collection back and
/// compare content, resubmit, read back again.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct CalDAVEndToEndTests {
    @Test(arguments: CalDAVServer.available)
    func accountsTwoWorkersEveryEventExactlyOnce(_ server: CalDAVServer) throws {
        let base = try server.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 8, events: 8...25)
            try tenant.createHomes(on: server)
            let cli = tenant.runner(databaseURL: databaseURL, server: server)
            let target = "caldav+\(base)/{account}/calendar/"

            let submitted = try cli.run(["submit", "--batch", "e2e", "--source", tenant.directory.path, "--target", target])
            #expect(submitted.status == 0, "\(submitted.standardError)")
            #expect(submitted.standardOutput.contains("8 new accounts"))

            let workers = try (0..<2).map { _ in try cli.start(["work", "--until-idle", "--concurrency", "4"]) }
            for worker in workers {
                let output = try worker.wait(timeout: 600)
                #expect(output.status == 0, "\(output.standardError.suffix(2000))")
            }
            let status = try BatchStatusJSON.read(cli, batch: "e2e")
            #expect(status.succeeded == 8)
            #expect(status.failed == 0)
            #expect(status.eventsImported == tenant.expectedIdentities.values.map(\.count).reduce(0, +))
            try tenant.expectServerHoldsExactlyTheSourceEvents(on: server)

            // The same batch again adds nothing; a new batch to the same target re-pushes everything
            // (a retried migration) and still nothing is duplicated.
            let again = try cli.run(["submit", "--batch", "e2e", "--source", tenant.directory.path, "--target", target])
            #expect(again.standardOutput.contains("0 new accounts"))
            #expect(try cli.run(["submit", "--batch", "e2e-rerun", "--source", tenant.directory.path, "--target", target]).status == 0)
            let rerun = try cli.run(["work", "--until-idle", "--concurrency", "4"], timeout: 600)
            #expect(rerun.status == 0, "\(rerun.standardError.suffix(2000))")
            let rerunStatus = try BatchStatusJSON.read(cli, batch: "e2e-rerun")
            #expect(rerunStatus.succeeded == 8)
            #expect(rerunStatus.eventsImported == 0)
            try tenant.expectServerHoldsExactlyTheSourceEvents(on: server)
        }
    }

    @Test(arguments: CalDAVServer.available)
    func accountMissingOnTheServerFailsAloneWithItsName(_ server: CalDAVServer) throws {
        let base = try server.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 3, events: 3...5)
            try tenant.createHomes(on: server, except: [tenant.accounts[1]])
            let cli = tenant.runner(databaseURL: databaseURL, server: server)
            let target = "caldav+\(base)/{account}/calendar/"
            #expect(try cli.run(["submit", "--batch", "missing", "--source", tenant.directory.path, "--target", target]).status == 0)
            let work = try cli.run(["work", "--until-idle", "--concurrency", "2"])
            #expect(work.status == 0)
            let status = try BatchStatusJSON.read(cli, batch: "missing")
            #expect(status.succeeded == 2)
            #expect(status.failed == 1)
            let failure = try #require(status.failedAccounts.first)
            #expect(failure.account == tenant.accounts[1])
            #expect(failure.reason.contains(tenant.accounts[1]))
        }
    }

    @Test(.enabled(if: RadicaleServer.isEnabled)) func wrongPasswordFailsPermanentlyNamingTheAccount() throws {
        let server = try RadicaleServer.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 2, events: 2...3)
            var cli = tenant.runner(databaseURL: databaseURL)
            cli.environment["CALIMPORT_TARGET_PASSWORD"] = "wrong"
            #expect(try cli.run(["submit", "--batch", "auth", "--source", tenant.directory.path, "--target", "caldav+\(server)/{account}/calendar/"]).status == 0)
            #expect(try cli.run(["work", "--until-idle"]).status == 0)
            let status = try BatchStatusJSON.read(cli, batch: "auth")
            #expect(status.failed == 2)
            #expect(status.failedAccounts.allSatisfy { $0.reason.contains($0.account) && $0.reason.contains("401") })
        }
    }
}
