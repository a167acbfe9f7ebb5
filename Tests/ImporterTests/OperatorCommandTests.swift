import Foundation
import TestSupport
import Testing

/// submit (accounts command, list, map, hostile names, dry run), status, jobs and report
/// through the CLI against a real PostgreSQL, into a file target.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct OperatorCommandTests {
    @Test func accountsCommandWithAMapAndAMissingAccountEndsVisibleEverywhere() throws {
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 4, events: 3...6)
            let cli = tenant.runner(databaseURL: databaseURL)
            let output = tenant.directory.appendingPathComponent("out")
            let script = tenant.directory.appendingPathComponent("list-accounts.sh")
            let names = tenant.accounts.joined(separator: "\\n")
            try "#!/bin/sh\nprintf '# accounts\\n\(names)\\nghost@\(tenant.domain)\\n'\n".write(to: script, atomically: true, encoding: .utf8)
            chmod(script.path, 0o755)
            let mapFile = tenant.directory.appendingPathComponent("map.csv")
            try "source_account,target_account\n\(tenant.accounts[0]),renamed@\(tenant.domain)\n".write(to: mapFile, atomically: true, encoding: .utf8)

            let submit = try cli.run(["submit", "--batch", "cmd", "--source", tenant.directory.path + "/{account}.ics",
                                      "--accounts-cmd", script.path, "--map", mapFile.path, "--target", "file://" + output.path])
            #expect(submit.status == 0, "\(submit.standardError)")
            #expect(submit.standardOutput.contains("5 new accounts"))
            #expect(submit.standardOutput.contains("missing source: ghost@\(tenant.domain)"))
            #expect(try cli.run(["work", "--until-idle", "--concurrency", "2"]).status == 0)

            let status = try BatchStatusJSON.read(cli, batch: "cmd")
            #expect(status.succeeded == 4 && status.failed == 1)
            #expect(status.failedAccounts.first?.reason.contains("missing source") == true)
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("renamed@\(tenant.domain).ics").path))
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(tenant.accounts[0] + ".ics").path))

            let jobs = try cli.run(["jobs", "--batch", "cmd", "--json"])
            let rows = try jobs.standardOutput.split(separator: "\n").map { try JSONDecoder().decode(JobJSON.self, from: Data($0.utf8)) }
            #expect(rows.count == 5)
            #expect(rows.first { $0.account == tenant.accounts[0] }?.targetAccount == "renamed@\(tenant.domain)")
            let ghost = try #require(rows.first { $0.account == "ghost@\(tenant.domain)" })
            #expect(ghost.state == "failed" && ghost.errorCode == "source.missing")
            let imported = rows.filter { $0.state == "succeeded" }.map(\.imported).reduce(0, +)
            #expect(imported == status.eventsImported && imported == tenant.expectedIdentities.values.map(\.count).reduce(0, +))

            let failedOnly = try cli.run(["jobs", "--batch", "cmd", "--state", "failed"])
            #expect(failedOnly.standardOutput.contains("ghost@") && !failedOnly.standardOutput.contains(tenant.accounts[1]))
            let globbed = try cli.run(["jobs", "--batch", "cmd", "--account", "gh?st@*", "--json"])
            #expect(globbed.standardOutput.split(separator: "\n").count == 1)

            let detail = try cli.run(["status", "--batch", "cmd"])
            #expect(detail.standardOutput.contains("failures by class:") && detail.standardOutput.contains("1 permanent source.missing"))
        }
    }

    @Test func hostileAccountNamesAreRefusedAndNothingIsEnqueued() throws {
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 2, events: 1...2)
            let cli = tenant.runner(databaseURL: databaseURL)
            let list = tenant.directory.appendingPathComponent("accounts.txt")
            try "\(tenant.accounts[0])\n../../etc/passwd\n\(tenant.accounts[1])\nevil\u{1B}[2J@x.example\n".write(to: list, atomically: true, encoding: .utf8)
            let submit = try cli.run(["submit", "--batch", "hostile", "--source", tenant.directory.path, "--accounts", list.path, "--target", "file:///tmp/calimport-never"])
            #expect(submit.status == 3)
            #expect(submit.standardError.contains("2 account names refused; nothing enqueued"))
            #expect(submit.standardError.contains("\"../../etc/passwd\": contains a path separator"))
            #expect(!submit.standardError.contains("\u{1B}"), "a control character reached the terminal")
            #expect(try cli.run(["status", "--batch", "hostile"]).status == 64)

            let dryRun = try cli.run(["submit", "--batch", "hostile", "--source", tenant.directory.path, "--accounts", list.path, "--target", "file:///tmp/calimport-never", "--dry-run", "--json"])
            #expect(dryRun.status == 0, "\(dryRun.standardError)")
            let report = try JSONDecoder().decode(DryRunJSON.self, from: Data(dryRun.standardOutput.utf8))
            #expect(report.totals.found == 2 && report.totals.refused == 2 && report.totals.missing == 0)
            #expect(report.totals.events + report.totals.todos == tenant.expectedIdentities.values.map(\.count).reduce(0, +))
            #expect(Set(report.refused.map(\.name)) == ["../../etc/passwd", "evil\u{1B}[2J@x.example"])
        }
    }

    @Test func dryRunFromStandardInputEnqueuesNothing() throws {
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 3, events: 2...4)
            let cli = tenant.runner(databaseURL: databaseURL)
            let running = try cli.start(["submit", "--batch", "dry", "--source", tenant.directory.path, "--accounts", "-",
                                         "--target", "file:///tmp/calimport-never", "--dry-run"], standardInput: tenant.accounts.joined(separator: "\n") + "\nnobody@\(tenant.domain)\n")
            let dryRun = try running.wait(timeout: 120)
            #expect(dryRun.status == 0, "\(dryRun.standardError)")
            #expect(dryRun.standardOutput.contains("totals: 4 accounts (3 found, 1 missing, 0 refused"))
            #expect(dryRun.standardOutput.contains("missing source: nobody@\(tenant.domain)"))
            #expect(try cli.run(["status", "--batch", "dry"]).status == 64)
        }
    }

    @Test func reportsListEveryAccountWithTotals() throws {
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 6, events: 2...5)
            let cli = tenant.runner(databaseURL: databaseURL)
            let output = tenant.directory.appendingPathComponent("out")
            #expect(try cli.run(["submit", "--batch", "rep", "--source", tenant.directory.path, "--target", "file://" + output.path]).status == 0)
            #expect(try cli.run(["work", "--until-idle"]).status == 0)

            let csv = try cli.run(["report", "--batch", "rep", "--format", "csv"])
            let lines = csv.standardOutput.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("source_account,target_account,state,attempts,events_in_file,events_kept,imported") == true)
            #expect(lines.count == 8)
            #expect(tenant.accounts.allSatisfy { account in lines.contains { $0.hasPrefix(account + ",") } })
            #expect(lines.last?.hasPrefix("TOTAL,") == true)

            let json = try cli.run(["report", "--batch", "rep", "--format", "json"])
            let report = try JSONDecoder().decode(ReportJSON.self, from: Data(json.standardOutput.utf8))
            #expect(report.accounts.count == 6 && report.totals.succeeded == 6)
            #expect(report.totals.imported == tenant.expectedIdentities.values.map(\.count).reduce(0, +))

            let html = tenant.directory.appendingPathComponent("report.html")
            #expect(try cli.run(["report", "--batch", "rep", "--output", html.path]).status == 0)
            let page = try String(contentsOf: html, encoding: .utf8)
            #expect(page.contains("All 6 accounts were imported successfully"))
            #expect(page.contains("None: every finished account was imported whole"))
            #expect(page.contains("calimport report --batch rep --format csv"), "the page points at the full per-account table")
            #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<script src"), "the report must need no network")
            #expect(try cli.run(["report", "--batch", "nope"]).status == 64)
        }
    }
}

/// One line of `jobs --json`.
struct JobJSON: Decodable {
    var account: String
    var targetAccount: String
    var state: String
    var attempts: Int
    var imported: Int
    var errorCode: String?

    enum CodingKeys: String, CodingKey {
        case account, state, attempts, imported
        case targetAccount = "target_account"
        case errorCode = "error_code"
    }
}

/// `submit --dry-run --json`.
struct DryRunJSON: Decodable {
    struct Totals: Decodable { var found: Int; var missing: Int; var refused: Int; var events: Int; var todos: Int }
    struct Refused: Decodable { var name: String; var reason: String }
    var totals: Totals
    var refused: [Refused]
}

/// `report --format json`.
struct ReportJSON: Decodable {
    struct Totals: Decodable { var succeeded: Int; var imported: Int }
    var totals: Totals
    var accounts: [JobJSON]
}
