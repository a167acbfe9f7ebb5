import Foundation
import Postgres
import TestSupport
import Testing

/// A broken connection (here: its backend terminated, as a server restart or a failover does)
/// is re-established by the next statement; never inside a transaction.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct ReconnectTests {
    @Test func theStatementAfterABreakRunsOnANewSession() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            let before = try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
            try terminate(before, url: url)
            let broken = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
            #expect(broken?.isConnectionProblem == true)
            let after = try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid")
            #expect(after != before)
            // The session is configured again (notices below warning stay quiet).
            #expect(try connection.query("SHOW client_min_messages")[0]["client_min_messages"] == "warning")
        }
    }

    @Test func aBreakInsideATransactionFailsItWithoutReconnecting() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("CREATE TABLE t (n int)")
            let error = #expect(throws: PostgresError.self) {
                try connection.transaction { connection in
                    try connection.query("INSERT INTO t VALUES (1)")
                    try terminate(try connection.query("SELECT pg_backend_pid() AS pid")[0].int("pid"), url: url)
                    _ = try? connection.query("SELECT 1")  // meets the break
                    try connection.query("INSERT INTO t VALUES (2)")  // must not run on a new session
                }
            }
            #expect(error?.isConnectionProblem == true)
            #expect(try connection.query("SELECT count(*) AS n FROM t")[0].int("n") == 0)
        }
    }

    @Test func listenIsRestoredByTheCallerAfterAReconnect() throws {
        try TestDatabase.with { url in
            let listener = try PostgresConnection(url: url)
            try listener.listen("calimport_test")
            try terminate(try listener.query("SELECT pg_backend_pid() AS pid")[0].int("pid"), url: url)
            #expect(throws: PostgresError.self) { try listener.waitForNotifications(timeout: 5) }
            #expect(try listener.reconnectIfBroken())
            #expect(try !listener.reconnectIfBroken())
            try listener.listen("calimport_test")
            let sender = try PostgresConnection(url: url)
            try sender.notify("calimport_test", payload: "after")
            var received: [PostgresNotification] = []
            #expect(try eventually {
                received += try listener.waitForNotifications(timeout: 0.2)
                return !received.isEmpty
            })
            #expect(received.map(\.payload) == ["after"])
        }
    }

    /// Terminates backend `pid` from another connection and waits until it is gone.
    private func terminate(_ pid: Int, url: String) throws {
        let admin = try PostgresConnection(url: url)
        try admin.query("SELECT pg_terminate_backend($1::int)", [String(pid)])
        let gone = try eventually {
            try admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1::int", [String(pid)])[0].int("n") == 0
        }
        #expect(gone, "backend \(pid) still there")
    }
}
