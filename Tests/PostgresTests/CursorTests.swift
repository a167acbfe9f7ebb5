import Foundation
import Postgres
import TestSupport
import Testing

/// ``PostgresConnection/forEachChunk(_:_:fetchSize:_:)``: rows come in chunks, the first
/// before the query has produced the last.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct CursorTests {
    @Test func rowsArriveInChunksBeforeTheQueryHasProducedTheLast() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            var chunks: [[Int]] = []
            let total = try connection.forEachChunk(
                "SELECT n FROM generate_series(1, $1::int) AS n", [2500], fetchSize: 1000
            ) { rows in
                chunks.append(try rows.map { try $0.int("n") })
                if chunks.count == 1 {
                    // The cursor is open, its remaining rows not fetched yet.
                    let position = try connection.query("SELECT count(*) AS n FROM pg_cursors WHERE name = 'calimport_cursor'")
                    #expect(try position[0].int("n") == 1)
                }
            }
            #expect(total == 2500)
            #expect(chunks.map(\.count) == [1000, 1000, 500])
            #expect(chunks.flatMap { $0 } == Array(1...2500))
            // The cursor and its transaction are gone; the connection is usable.
            #expect(try connection.query("SELECT count(*) AS n FROM pg_cursors WHERE name = 'calimport_cursor'")[0].int("n") == 0)
        }
    }

    @Test func aSlowQueryDeliversItsFirstChunkBeforeItEnds() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            // 5 chunks of 2 rows, each row taking 0.2 s on the server: the whole query takes 2 s.
            let started = Date()
            var firstChunkAfter: Double?
            try connection.forEachChunk(
                "SELECT n, pg_sleep(0.2) FROM generate_series(1, 10) AS n", fetchSize: 2
            ) { _ in
                if firstChunkAfter == nil { firstChunkAfter = Date().timeIntervalSince(started) }
            }
            let whole = Date().timeIntervalSince(started)
            let first = try #require(firstChunkAfter)
            #expect(whole >= 2)
            #expect(first < whole / 2, "first chunk after \(first) s of \(whole) s")
        }
    }

    @Test func anErrorInTheBodyClosesTheCursorAndRollsBack() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try connection.forEachRow("SELECT n FROM generate_series(1, 10) AS n", fetchSize: 3) { _ in throw Stop() }
            }
            #expect(try connection.query("SELECT count(*) AS n FROM pg_cursors WHERE name = 'calimport_cursor'")[0].int("n") == 0)
            #expect(try connection.query("SELECT 1 AS one")[0].int("one") == 1)
        }
    }
}
