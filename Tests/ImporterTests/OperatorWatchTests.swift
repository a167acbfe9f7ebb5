import Foundation
import TestSupport
import Testing

/// `status --watch` on a real terminal (tmux) and on a pipe, while a worker moves a batch.
@Suite(.enabled(if: TestDatabase.isEnabled), .serialized)
struct OperatorWatchTests {
    @Test func watchRedrawsInTmuxAsProgressMovesAndLeavesCleanlyOnControlC() throws {
        let tmux = try ExternalTool("tmux", package: "tmux")
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 60, events: 2...4)
            let cli = tenant.runner(databaseURL: databaseURL)
            let output = tenant.directory.appendingPathComponent("out")
            #expect(try cli.run(["submit", "--batch", "watched", "--source", tenant.directory.path, "--target", "file://" + output.path]).status == 0)

            // ops/test kills every server whose socket has its run's prefix when it ends.
            let prefix = ProcessInfo.processInfo.environment["TEST_TMUX_PREFIX"] ?? "calimport-test-"
            let socket = prefix + "\(UInt32.random(in: 0...UInt32.max))"
            defer { _ = try? tmux.run(["-L", socket, "kill-server"]) }
            let command = "env DATABASE_URL='\(databaseURL)' '\(CommandRunner.executable)' status --watch --interval 0.2 --batch watched; echo WATCH-EXITED=$?; sleep 600"
            try tmux.run(["-L", socket, "new-session", "-d", "-s", "watch", "-x", "200", "-y", "20", command])
            func screen() -> String { (try? tmux.run(["-L", socket, "capture-pane", "-p", "-t", "watch"]).output) ?? "" }

            #expect(eventually { screen().contains("0/60 accounts (0%)") }, "\(screen())")
            #expect(try tmux.run(["-L", socket, "display", "-p", "-t", "watch", "#{cursor_flag}"]).output.hasPrefix("0"), "cursor hidden while watching")
            let worker = try cli.start(["work", "--until-idle", "--concurrency", "1"])
            #expect(eventually(timeout: 120) { Self.doneCount(in: screen()).map { (1..<60).contains($0) } ?? false },
                    "never saw the batch part-way: \(screen())")
            #expect(eventually(timeout: 300) { screen().contains("60/60 accounts (100%)") }, "\(screen())")
            #expect(try worker.wait(timeout: 300).status == 0)
            let finalScreen = screen()
            #expect(finalScreen.components(separatedBy: "calimport status").count == 2, "redrawn in place, not scrolled: \(finalScreen)")

            try tmux.run(["-L", socket, "send-keys", "-t", "watch", "C-c"])
            #expect(eventually { screen().contains("WATCH-EXITED=0") }, "\(screen())")
            #expect(try tmux.run(["-L", socket, "display", "-p", "-t", "watch", "#{cursor_flag}"]).output.hasPrefix("1"), "cursor restored")
        }
    }

    /// `run` on a terminal: its log records go to a log file in the state directory, whose path
    /// it prints once at the start; the display is redrawn in place.
    @Test func runOnATerminalKeepsItsDisplayInPlaceAndLogsToAFile() throws {
        let tmux = try ExternalTool("tmux", package: "tmux")
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 60, events: 2...4)
            let home = tenant.directory.appendingPathComponent("state")
            let output = tenant.directory.appendingPathComponent("out")
            let prefix = ProcessInfo.processInfo.environment["TEST_TMUX_PREFIX"] ?? "calimport-test-"
            let socket = prefix + "\(UInt32.random(in: 0...UInt32.max))"
            defer { _ = try? tmux.run(["-L", socket, "kill-server"]) }
            let command = "env DATABASE_URL='\(databaseURL)' CALIMPORT_HOME='\(home.path)' CALIMPORT_LOG_LEVEL=info '\(CommandRunner.executable)' run "
                + "--batch onscreen --source '\(tenant.directory.path)' --target 'file://\(output.path)' --concurrency 1; echo RUN-EXITED=$?; sleep 600"
            try tmux.run(["-L", socket, "new-session", "-d", "-s", "run", "-x", "200", "-y", "40", command])
            func screen() -> String { (try? tmux.run(["-L", socket, "capture-pane", "-p", "-t", "run"]).output) ?? "" }

            #expect(eventually(timeout: 300) { screen().contains("RUN-EXITED=") }, "\(screen())")
            let finalScreen = screen()
            #expect(finalScreen.contains("RUN-EXITED=0"), "\(finalScreen)")
            #expect(finalScreen.contains("60/60 accounts (100%)"), "\(finalScreen)")
            #expect(finalScreen.components(separatedBy: "calimport run").count == 2, "one display, redrawn in place: \(finalScreen)")
            #expect(!finalScreen.contains(" info "), "no log record on the screen: \(finalScreen)")
            let logPath = home.appendingPathComponent("logs/run-onscreen.log").path
            #expect(finalScreen.contains("logs: \(logPath)"), "\(finalScreen)")
            let logged = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            #expect(logged.contains(" info "), "the records went to the log file: \(logged.prefix(500))")
        }
    }

    @Test func watchOnAPipePrintsOneLinePerIntervalAndStopsOnSIGINT() throws {
        try TestDatabase.with { databaseURL in
            let tenant = try TestTenant(accounts: 2, events: 1...2)
            let cli = tenant.runner(databaseURL: databaseURL)
            #expect(try cli.run(["submit", "--batch", "piped", "--source", tenant.directory.path, "--target", "file:///tmp/calimport-unused"]).status == 0)
            let watch = try cli.start(["status", "--watch", "--interval", "0.2"])
            #expect(eventually { watch.standardOutputSoFar.split(separator: "\n").count >= 3 })
            watch.signal(SIGINT)
            let result = try watch.wait(timeout: 30)
            #expect(result.status == 0)
            let lines = result.standardOutput.split(separator: "\n")
            #expect(lines.allSatisfy { $0.contains(" piped  0/2 accounts (0%)") }, "\(result.standardOutput)")
            #expect(!result.standardOutput.contains("\u{1B}"), "no terminal escapes on a pipe")
        }
    }

    /// The `N` of the first `N/60 accounts` on the screen.
    static func doneCount(in screen: String) -> Int? {
        guard let range = screen.range(of: #"(\d+)/60 accounts"#, options: .regularExpression) else { return nil }
        return Int(screen[range].prefix { $0.isNumber })
    }
}
