import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresConnectionTests {
    @Test func parametersAndNullsRoundTrip() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            let rows = try connection.query("SELECT $1::text AS a, $2::text AS b, $3::int + 1 AS c", ["héllo; 'quoted'", nil, "41"])
            #expect(rows.count == 1)
            #expect(rows[0]["a"] == "héllo; 'quoted'")
            #expect(rows[0]["b"] == nil)
            #expect(try rows[0].int("c") == 42)
        }
    }

    @Test func serverErrorsCarryTheirSQLState() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("CREATE TABLE t (id int PRIMARY KEY)")
            try connection.query("INSERT INTO t VALUES (1)")
            let error = #expect(throws: PostgresError.self) { try connection.query("INSERT INTO t VALUES (1)") }
            #expect(error?.sqlState == "23505")
            #expect(error?.code == .queryFailed)
            // The connection stays usable after an error.
            #expect(try connection.query("SELECT count(*) AS n FROM t")[0].int("n") == 1)
        }
    }

    @Test func copyInCarriesEveryAwkwardCharacter() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("CREATE TABLE t (n int, s text)")
            let values: [String?] = ["tab\there", "new\nline", "back\\slash", "carriage\rreturn", nil, "Zoë ✓", "\\N"]
            let copied = try connection.copyIn("COPY t (n, s) FROM STDIN", rows: values.enumerated().map { [String($0.offset), $0.element] })
            #expect(copied == values.count)
            let rows = try connection.query("SELECT s FROM t ORDER BY n")
            #expect(rows.map { $0["s"] } == values)
        }
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("CREATE TABLE t (id int)")
            struct Abort: Error {}
            #expect(throws: Abort.self) {
                try connection.transaction { connection in
                    try connection.query("INSERT INTO t VALUES (1)")
                    throw Abort()
                }
            }
            #expect(try connection.query("SELECT count(*) AS n FROM t")[0].int("n") == 0)
        }
    }

    @Test func listenReceivesNotifications() throws {
        try TestDatabase.with { url in
            let listener = try PostgresConnection(url: url)
            let sender = try PostgresConnection(url: url)
            try listener.listen("calimport_test")
            try sender.notify("calimport_test", payload: "batch-1")
            var received: [PostgresNotification] = []
            let arrived = try eventually(timeout: 10) {
                received += try listener.waitForNotifications(timeout: 0.2)
                return !received.isEmpty
            }
            #expect(arrived)
            #expect(received.first?.channel == "calimport_test")
            #expect(received.first?.payload == "batch-1")
        }
    }

    @Test func badURLFailsWithConnectionError() {
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(url: "postgresql:///nope?host=/nonexistent-socket-dir&connect_timeout=2")
        }
        #expect(error?.code == .connectionFailed)
    }
}
