import Foundation
import JobQueue
import Logging
import TestSupport
import Testing

/// `--mode`, `--folder` and `--invitations`: one options group, parsed and checked the same way
/// by `submit` and `run`, and stored the same way in the batch they create.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct ImportOptionsCommandTests {
    @Test func anUnknownModeOrInvitationsIsRefusedTheSameWayBySubmitAndRun() throws {
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 1, events: 1...2)
            let cli = tenant.runner(databaseURL: databaseURL)
            let common = ["--batch", "x", "--source", tenant.directory.path, "--target", "file:///tmp/calimport-never"]
            for (flag, value, valid) in [("--mode", "bogus", "'merge', 'skip-existing' or 'replace'"), ("--invitations", "maybe", "'client' and 'server'")] {
                let submit = try cli.run(["submit"] + common + [flag, value])
                let run = try cli.run(["run"] + common + [flag, value])
                #expect(submit.status == 64 && run.status == 64, "\(submit.standardError)\n\(run.standardError)")
                let message = "The value '\(value)' is invalid for '\(flag) <\(flag.dropFirst(2))>'. Please provide one of \(valid)."
                #expect(submit.standardError.contains(message), "\(submit.standardError)")
                #expect(run.standardError.contains(message), "\(run.standardError)")
                #expect(submit.standardError.split(separator: "\n").prefix(2) == run.standardError.split(separator: "\n").prefix(2),
                        "the same error and help line")
            }
            #expect(try cli.run(["status", "--batch", "x"]).status == 64, "nothing was submitted")
        }
    }

    @Test func runAndSubmitStoreTheModeFolderAndInvitationsInTheBatch() throws {
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 2, events: 1...3)
            let cli = tenant.runner(databaseURL: databaseURL)
            let target = "file://" + tenant.directory.appendingPathComponent("out").path
            let choices = ["--mode", "skip-existing", "--folder", "Imported", "--invitations", "server"]
            let run = try cli.run(["run", "--batch", "ran", "--source", tenant.directory.path, "--target", target,
                                   "--report", tenant.directory.appendingPathComponent("r.html").path] + choices, timeout: 300)
            #expect(run.status == 0, "\(run.standardOutput)\n\(run.standardError)")
            let submit = try cli.run(["submit", "--batch", "submitted", "--source", tenant.directory.path, "--target", target] + choices)
            #expect(submit.status == 0, "\(submit.standardError)")

            let queue = try JobQueue.open(url: databaseURL, logger: Logger(label: "test"))
            let ran = try #require(try queue.batch(named: "ran")).definition
            let submitted = try #require(try queue.batch(named: "submitted")).definition
            #expect(ran.mode == "skip-existing")
            #expect(ran.target.contains("folder=Imported") && ran.target.contains("invitations=server"), "\(ran.target)")
            #expect(ran.target == submitted.target && ran.mode == submitted.mode)
        }
    }
}
