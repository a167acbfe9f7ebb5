import CLibPQ
import Foundation

extension PostgresConnection {
    /// Runs `sql` (parameters as for ``query(_:_:)``) through a server-side cursor and hands
    /// `body` its rows `fetchSize` at a time, so that neither this process nor libpq ever holds
    /// more than one chunk, and the first rows arrive before the query has produced the last
    /// (a cursor's plan favours a fast start). Runs in a transaction of its own, or in the
    /// caller's when inside ``transaction(_:)``; the cursor is closed when `body` returns or
    /// throws. Returns the number of rows.
    @discardableResult
    public func forEachChunk(
        _ sql: String, _ parameters: [any PostgresBindable] = [], fetchSize: Int = 1000,
        _ body: ([PostgresRow]) throws -> Void
    ) throws -> Int {
        precondition(fetchSize > 0, "fetchSize must be positive")
        return try transaction { connection in
            try connection.query("DECLARE calimport_cursor NO SCROLL CURSOR FOR " + sql, parameters)
            defer { _ = try? connection.execute("CLOSE calimport_cursor") }
            var total = 0
            while true {
                let rows = try connection.query("FETCH FORWARD \(fetchSize) FROM calimport_cursor")
                if rows.isEmpty { return total }
                total += rows.count
                try body(rows)
                if rows.count < fetchSize { return total }
            }
        }
    }

    /// ``forEachChunk(_:_:fetchSize:_:)`` one row at a time.
    @discardableResult
    public func forEachRow(
        _ sql: String, _ parameters: [any PostgresBindable] = [], fetchSize: Int = 1000,
        _ body: (PostgresRow) throws -> Void
    ) throws -> Int {
        try forEachChunk(sql, parameters, fetchSize: fetchSize) { rows in try rows.forEach(body) }
    }
}
