import Foundation
import HTTPTransport
import Sandbox
import TestSupport
import Testing

/// The "Done when" runs: 200 generated accounts through each protocol into the sandbox node with
/// 20% of its requests failing (10% answered 503, 10% applied and then dropped unanswered), two
/// worker processes each; every account must succeed holding exactly its file's events, none
/// twice. And 200 accounts through CalDAV into the real Radicale.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct SandboxEndToEndTests {
    static let targets = [
        "caldav": "caldav+{url}/caldav/{account}/calendar/",
        "zimbra": "zimbra+{url}?admin-url={url}",
        "wcap": "wcap+{url}",
        "bluemind": "bluemind+{url}",
    ]

    @Test(arguments: ["caldav", "zimbra", "wcap", "bluemind"])
    func twoHundredAccountsThroughTwentyPercentFaults(_ kind: String) throws {
        let sandbox = try SandboxHarness(failRate: 0.1, resetRate: 0.1)
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 200, events: 3...12)
            var cli = tenant.runner(databaseURL: databaseURL)
            cli.environment.merge(SandboxHarness.environment) { $1 }
            let target = Self.targets[kind]!.replacingOccurrences(of: "{url}", with: sandbox.url)
            let submitted = try cli.run(["submit", "--batch", "faults-\(kind)", "--source", tenant.directory.path, "--target", target])
            #expect(submitted.status == 0, "\(submitted.standardError)")

            let workers = try (0..<2).map { _ in
                try cli.start(["work", "--until-idle", "--concurrency", "8", "--retry-base", "0.05", "--max-in-flight", "8"])
            }
            for worker in workers {
                let output = try worker.wait(timeout: 900)
                #expect(output.status == 0, "\(output.standardError.suffix(2000))")
            }
            let status = try BatchStatusJSON.read(cli, batch: "faults-\(kind)")
            #expect(status.succeeded == 200, "\(status.failedAccounts.prefix(5))")
            #expect(status.failed == 0)
            for account in tenant.accounts {
                #expect(try sandbox.identities(account) == tenant.expectedIdentities[account], "\(kind) \(account): the node differs from the file")
            }
            let counters = try sandbox.stats()[kind]!
            #expect(counters.failed > 0 && counters.resets > 0, "\(counters)")
        }
    }

    @Test func aThrottlingNodeIsAbsorbedWithoutFailures() throws {
        let sandbox = try SandboxHarness(throttle: 15)
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 40, events: 2...5)
            var cli = tenant.runner(databaseURL: databaseURL)
            cli.environment.merge(SandboxHarness.environment) { $1 }
            #expect(try cli.run(["submit", "--batch", "throttled", "--source", tenant.directory.path,
                                 "--target", "zimbra+\(sandbox.url)?admin-url=\(sandbox.url)"]).status == 0)
            let work = try cli.run(["work", "--until-idle", "--concurrency", "8", "--retry-base", "0.05"], timeout: 600)
            #expect(work.status == 0, "\(work.standardError.suffix(2000))")
            let status = try BatchStatusJSON.read(cli, batch: "throttled")
            #expect(status.succeeded == 40 && status.failed == 0, "\(status.failedAccounts.prefix(3))")
            for account in tenant.accounts {
                #expect(try sandbox.identities(account) == tenant.expectedIdentities[account])
            }
            #expect(try sandbox.stats()["zimbra"]!.throttled > 0)
        }
    }

    @Test func twoHundredAccountsIntoRadicale() throws {
        guard RadicaleServer.isEnabled else { return }
        let server = try RadicaleServer.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 200, events: 3...12)
            try tenant.createPrincipals(on: server)
            let cli = tenant.runner(databaseURL: databaseURL)
            #expect(try cli.run(["submit", "--batch", "radicale-200", "--source", tenant.directory.path,
                                 "--target", "caldav+\(server)/{account}/calendar/"]).status == 0)
            let work = try cli.run(["work", "--until-idle", "--concurrency", "8"], timeout: 900)
            #expect(work.status == 0, "\(work.standardError.suffix(2000))")
            let status = try BatchStatusJSON.read(cli, batch: "radicale-200")
            #expect(status.succeeded == 200)
            try tenant.expectServerHoldsExactlyTheSourceEvents(server)
        }
    }

    @Test func theSandboxCommandServesTheInspectionEndpoints() throws {
        let port = try FreePort.find()
        let sandbox = try CommandRunner(environment: ["CALIMPORT_SANDBOX_PASSWORD": "pw"])
            .start(["sandbox", "--listen", "127.0.0.1:\(port)", "--fail-rate", "0.5"])
        defer { sandbox.signal(SIGTERM); _ = try? sandbox.wait(timeout: 30) }
        let client = HTTPClient()
        let stats = "http://127.0.0.1:\(port)/_sandbox/stats"
        #expect(eventually(timeout: 60) { (try? client.perform(HTTPRequest(method: "GET", url: stats)))?.status == 200 })
        let account = try client.perform(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/_sandbox/accounts/nobody@example.com"))
        let decoded = try JSONDecoder().decode(AccountInspection.self, from: account.body)
        #expect(decoded.account == "nobody@example.com" && decoded.events.isEmpty)
        for _ in 0..<20 {
            _ = try client.perform(HTTPRequest(method: "PROPFIND", url: "http://127.0.0.1:\(port)/caldav/a@example.com/calendar/",
                                               credentials: .init(user: "admin", password: "pw")))
        }
        let counters = try JSONDecoder().decode([String: FaultInjector.Counters].self, from: client.perform(HTTPRequest(method: "GET", url: stats)).body)
        #expect(counters["caldav"]?.requests == 20)
        #expect((counters["caldav"]?.failed ?? 0) > 0)
    }
}
