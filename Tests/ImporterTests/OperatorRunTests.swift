import Foundation
import TestSupport
import Testing

/// `run`, `check` and the HTML report against a real PostgreSQL, a real Radicale and a real
/// headless browser.
@Suite(.enabled(if: TestDatabase.isEnabled && RadicaleServer.isEnabled), .serialized)
struct OperatorRunTests {
    @Test func runWithOneUnknownAccountFinishesWithCode1AndAReportABrowserShows() throws {
        let server = try RadicaleServer.requireURL()
        let chromium = try ExternalTool("chromium", package: "chromium")
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 5, events: 3...8)
            try tenant.createPrincipals(on: server, except: [tenant.accounts[2]])
            var cli = tenant.runner(databaseURL: databaseURL)
            cli.environment["CALIMPORT_HOME"] = tenant.directory.appendingPathComponent("state").path
            let run = try cli.run(["run", "--batch", "oneshot", "--source", tenant.directory.path,
                                   "--target", "caldav+\(server)/{account}/calendar/", "--concurrency", "4"], timeout: 600)
            #expect(run.status == 1, "\(run.standardOutput)\n\(run.standardError)")
            #expect(run.standardOutput.contains("ok: reached"))
            #expect(run.standardOutput.contains("oneshot: 5 accounts: 0 pending, 0 running, 4 succeeded, 0 partial, 1 failed"))
            #expect(run.standardOutput.contains("retry --batch oneshot --failed"))
            #expect(run.standardOutput.contains("oneshot  5/5 accounts (100%)"), "progress lines on a pipe")

            let report = tenant.directory.appendingPathComponent("calimport-report-oneshot.html")
            #expect(FileManager.default.fileExists(atPath: report.path), "report next to the state directory")
            let dom = try chromium.run(Self.headless + ["--dump-dom", report.absoluteString]).output
            #expect(dom.contains("1 of 5 accounts failed"))
            #expect(dom.contains(tenant.accounts[2]), "the failed account is listed in the rendered page")
            #expect(dom.contains("<svg") && dom.contains("target.account"))

            let screenshot = URL(fileURLWithPath: ProcessInfo.processInfo.environment["TEST_STATE_DIR"] ?? NSTemporaryDirectory())
                .appendingPathComponent("report-screenshot.png")
            try? FileManager.default.removeItem(at: screenshot)
            try chromium.run(Self.headless + ["--window-size=1280,1600", "--screenshot=\(screenshot.path)", report.absoluteString])
            let png = try Data(contentsOf: screenshot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "a real rendering, \(png.count) bytes")
        }
    }

    @Test func runThatSucceedsExitsZeroAndHoldsEveryEvent() throws {
        let server = try RadicaleServer.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 3, events: 2...6)
            try tenant.createPrincipals(on: server)
            let cli = tenant.runner(databaseURL: databaseURL)
            let report = tenant.directory.appendingPathComponent("r.html")
            let run = try cli.run(["run", "--source", tenant.directory.path, "--target", "caldav+\(server)/{account}/calendar/", "--report", report.path], timeout: 600)
            #expect(run.status == 0, "\(run.standardOutput)\n\(run.standardError)")
            #expect(run.standardOutput.contains("all 3 accounts succeeded"))
            #expect(run.standardOutput.contains("batch run-"))
            #expect(try String(contentsOf: report, encoding: .utf8).contains("All 3 accounts were imported successfully"))
            try tenant.expectServerHoldsExactlyTheSourceEvents(on: .radicale)
        }
    }

    @Test func runRefusesBadCredentialsSourcesAndUsageBeforeEnqueuing() throws {
        let server = try RadicaleServer.requireURL()
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 1, events: 1...2)
            var cli = tenant.runner(databaseURL: databaseURL)
            let target = "caldav+\(server)/{account}/calendar/"
            let noSource = try cli.run(["run", "--batch", "x", "--source", "/nonexistent/calimport", "--target", target])
            #expect(noSource.status == 3, "\(noSource.standardError)")
            #expect(try cli.run(["run", "--batch", "x", "--source", tenant.directory.path, "--target", target, "--concurrency", "0"]).status == 64)
            #expect(try cli.run(["run", "--batch", "x", "--source", tenant.directory.path, "--target", target, "--mode", "bogus"]).status == 64)
            let unreachable = try cli.run(["run", "--batch", "x", "--source", tenant.directory.path, "--target", "caldav+http://127.0.0.1:1/{account}/calendar/"])
            #expect(unreachable.status == 4, "\(unreachable.standardError)")
            cli.environment["CALIMPORT_TARGET_PASSWORD"] = "wrong"
            let refused = try cli.run(["run", "--batch", "x", "--source", tenant.directory.path, "--target", target])
            #expect(refused.status == 4)
            #expect(refused.standardError.contains("refused the credentials (HTTP 401)"))
            #expect(!refused.standardError.contains("wrong"), "the password never shows")
            #expect(try cli.run(["status", "--batch", "x"]).status == 64, "nothing was submitted")
        }
    }

    @Test func checkReachesAuthenticatesAndFindsTheAccountWithoutWriting() throws {
        let server = try RadicaleServer.requireURL()
        let tenant = try TestTenant(accounts: 2, events: 1...2)
        try tenant.createPrincipals(on: server, except: [tenant.accounts[1]])
        var cli = tenant.runner(databaseURL: "postgresql://unused")
        let target = "caldav+\(server)/{account}/calendar/"
        let plain = try cli.run(["check", "--target", target])
        #expect(plain.status == 0 && plain.standardOutput.contains("authenticated as \(RadicaleServer.user)"), "\(plain.standardError)")
        let home = try cli.run(["check", "--target", target, "--account", tenant.accounts[0]])
        #expect(home.status == 0 && home.standardOutput.contains("will be created at import"), "\(home.standardError)")
        let missing = try cli.run(["check", "--target", target, "--account", tenant.accounts[1]])
        #expect(missing.status == 4 && missing.standardError.contains(tenant.accounts[1]))
        #expect(try cli.run(["check", "--target", "caldav+http://127.0.0.1:1/{account}/"]).status == 4)
        cli.environment["CALIMPORT_TARGET_PASSWORD"] = "wrong"
        #expect(try cli.run(["check", "--target", target]).status == 4)

        // Nothing was written: the account's calendar still does not exist.
        cli.environment["CALIMPORT_TARGET_PASSWORD"] = RadicaleServer.password
        #expect(try cli.run(["check", "--target", target, "--account", tenant.accounts[0]]).standardOutput.contains("does not exist yet"))
    }

    static let headless = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--virtual-time-budget=2000"]
}
