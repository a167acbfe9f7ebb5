import Foundation
import HTTPTransport
import Sandbox
import TestSupport
import Testing

/// The "Done when" runs: 200 generated accounts through each protocol into the sandbox node with
/// 20% of its requests failing (10% answered 503, 10% applied and then dropped unanswered), two
/// worker processes each; every account must succeed holding exactly its file's events, none
/// twice. And 200 accounts through CalDAV into the real Radicale. The blocking work runs off the
/// cooperative pool; the checks run in the test's task.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct SandboxEndToEndTests {
    static let targets = [
        "caldav": "caldav+{url}/caldav/{account}/calendar/",
        "zimbra": "zimbra+{url}?admin-url={url}",
        "wcap": "wcap+{url}",
        "bluemind": "bluemind+{url}",
    ]

    /// What one batch run left behind.
    struct Outcome: Sendable {
        var commandFailures: [String] = []
        var succeeded = 0
        var failed = 0
        var failedAccounts: [String] = []
        /// Accounts whose stored identities differ from their file's.
        var differing: [String] = []
        /// Components stored with other content than their file's (start or end as UTC instants,
        /// RRULE, EXDATE, people, SCHEDULE-AGENT), one line each.
        var contentDiffering: [String] = []
        var counters = FaultInjector.Counters()
    }

    /// Submits `accounts` generated accounts to `target` (with `{url}` the sandbox's), works them
    /// with `workers` processes and compares every account with the sandbox.
    static func runBatch(
        _ name: String, sandbox: SandboxHarness, target: String, kind: String, accounts: Int, events: ClosedRange<Int>, workers: Int
    ) throws -> Outcome {
        try TestDatabase.with { databaseURL in
            var outcome = Outcome()
            let tenant = try TestTenant(accounts: accounts, events: events)
            var cli = tenant.runner(databaseURL: databaseURL)
            cli.environment.merge(SandboxHarness.environment) { $1 }
            let submitted = try cli.run(["submit", "--batch", name, "--source", tenant.directory.path,
                                         "--target", target.replacingOccurrences(of: "{url}", with: sandbox.url)])
            if submitted.status != 0 { outcome.commandFailures.append("submit: \(submitted.standardError)") }
            let running = try (0..<workers).map { _ in
                try cli.start(["work", "--until-idle", "--concurrency", "8", "--retry-base", "0.05", "--max-in-flight", "8"])
            }
            for worker in running {
                let output = try worker.wait(timeout: 900)
                if output.status != 0 { outcome.commandFailures.append("work: \(output.standardError.suffix(2000))") }
            }
            let status = try cli.run(["status", "--batch", name, "--json"])
            let line = status.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
            let decoded = try JSONDecoder().decode(BatchStatusJSON.self, from: Data(line.utf8))
            outcome.succeeded = decoded.succeeded
            outcome.failed = decoded.failed
            outcome.failedAccounts = decoded.failedAccounts.prefix(5).map { "\($0.account): \($0.reason)" }
            // BlueMind keeps todos in the user's todo list, not in the calendar (the sandbox stores it under its container uid).
            outcome.differing = try tenant.accounts.filter { account in
                let todos = kind == "bluemind" ? try sandbox.identities("todolist:default_" + account) : []
                return try (sandbox.identities(account) + todos).sorted() != tenant.expectedIdentities[account]
            }
            outcome.contentDiffering = try tenant.accounts.flatMap { account in
                try Self.contentDifferences(account, kind: kind, sandbox: sandbox, source: tenant.directory.appendingPathComponent(account + ".ics"))
            }
            outcome.counters = try sandbox.stats()[kind] ?? FaultInjector.Counters()
            return outcome
        }
    }

    /// Every component of `account`'s file whose content the node stores otherwise, one line each:
    /// a time shift, a lost exception or attendee, or (CalDAV) an ORGANIZER or ATTENDEE without
    /// `SCHEDULE-AGENT=CLIENT` is one.
    static func contentDifferences(_ account: String, kind: String, sandbox: SandboxHarness, source: URL) throws -> [String] {
        let todos = kind == "bluemind" ? try sandbox.storedText("todolist:default_" + account) : ""
        let stored = ComponentContent.contents(in: try sandbox.storedText(account) + todos)
        return try ComponentContent.contents(in: String(contentsOf: source, encoding: .utf8)).compactMap { identity, content in
            let expected = kind == "caldav" ? content.withScheduleAgents("CLIENT") : content
            return stored[identity] == expected ? nil
                : "\(account) \(identity): stored \(stored[identity].map(\.description) ?? "nothing"), source \(expected)"
        }
    }

    @Test(arguments: ["caldav", "zimbra", "wcap", "bluemind"])
    func twoHundredAccountsThroughTwentyPercentFaults(_ kind: String) async throws {
        let sandbox = try SandboxHarness(failRate: 0.1, resetRate: 0.1)
        let outcome = try await offCooperativePool {
            try Self.runBatch("faults-\(kind)", sandbox: sandbox, target: Self.targets[kind]!, kind: kind,
                              accounts: 200, events: 3...12, workers: 2)
        }
        #expect(outcome.commandFailures.isEmpty, "\(outcome.commandFailures)")
        #expect(outcome.succeeded == 200, "\(outcome.failedAccounts)")
        #expect(outcome.failed == 0)
        #expect(outcome.differing.isEmpty, "\(kind): the node differs from the file for \(outcome.differing.prefix(5))")
        #expect(outcome.contentDiffering.isEmpty, "\(kind): \(outcome.contentDiffering.count) components stored otherwise, e.g. \(outcome.contentDiffering.prefix(3))")
        #expect(outcome.counters.failed > 0 && outcome.counters.resets > 0, "\(outcome.counters)")
    }

    @Test func aThrottlingNodeIsAbsorbedWithoutFailures() async throws {
        let sandbox = try SandboxHarness(throttle: 15)
        let outcome = try await offCooperativePool {
            try Self.runBatch("throttled", sandbox: sandbox, target: Self.targets["zimbra"]!, kind: "zimbra",
                              accounts: 40, events: 2...5, workers: 1)
        }
        #expect(outcome.commandFailures.isEmpty, "\(outcome.commandFailures)")
        #expect(outcome.succeeded == 40 && outcome.failed == 0, "\(outcome.failedAccounts)")
        #expect(outcome.differing.isEmpty)
        #expect(outcome.counters.throttled > 0)
    }

    @Test(.enabled(if: RadicaleServer.isEnabled)) func twoHundredAccountsIntoRadicale() async throws {
        let server = try RadicaleServer.requireURL()
        let result = try await offCooperativePool { () -> (Int32, String, Int, [String]) in
            try TestDatabase.with { databaseURL in
                let tenant = try TestTenant(accounts: 200, events: 3...12)
                try tenant.createPrincipals(on: server)
                let cli = tenant.runner(databaseURL: databaseURL)
                _ = try cli.run(["submit", "--batch", "radicale-200", "--source", tenant.directory.path,
                                 "--target", "caldav+\(server)/{account}/calendar/"])
                let work = try cli.run(["work", "--until-idle", "--concurrency", "8"], timeout: 900)
                let status = try cli.run(["status", "--batch", "radicale-200", "--json"])
                let line = status.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
                let decoded = try JSONDecoder().decode(BatchStatusJSON.self, from: Data(line.utf8))
                let differing = try tenant.accountsDiffering(on: server)
                return (work.status, String(work.standardError.suffix(2000)), decoded.succeeded, differing)
            }
        }
        #expect(result.0 == 0, "\(result.1)")
        #expect(result.2 == 200)
        #expect(result.3.isEmpty, "Radicale differs from the files for \(result.3.prefix(5))")
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
