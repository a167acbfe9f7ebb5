import Foundation
import Postgres
import TestSupport
import Testing

/// Typed parameters and typed readers, against a real server.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresBindableTests {
    @Test func typedParametersArriveAsTheirTypes() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            let none: Int? = nil
            let row = try connection.query("""
                SELECT $1::int + 1 AS i, $2::bigint * 2 AS big, NOT $3::boolean AS flipped, $4::float8 * 2 AS d,
                       $5::int IS NULL AS missing, $6::text AS s
                """, [41, Int64(1) << 40, false, 0.25, none, "it's"])[0]
            #expect(try row.int("i") == 42)
            #expect(try row.int64("big") == Int64(1) << 41)
            #expect(try row.bool("flipped"))
            #expect(try row.double("d") == 0.5)
            #expect(try row.bool("missing"))
            #expect(try row.string("s") == "it's")
        }
    }

    @Test func arraysKeepEveryAwkwardElement() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            let texts: [String?] = ["a,b", "quote\"d", "back\\slash", "{braces}", "NULL", nil, "", " spaced "]
            let rows = try connection.query("SELECT e, n FROM unnest($1::text[]) WITH ORDINALITY AS x(e, n) ORDER BY n", [texts])
            #expect(rows.map { $0["e"] } == texts)
            let sum = try connection.query("SELECT sum(v) AS s, count(*) AS n FROM unnest($1::bigint[]) AS v", [[1, 2, 39]])[0]
            #expect(try sum.int("s") == 42)
            #expect(try connection.query("SELECT cardinality($1::int[]) AS n", [[Int]()])[0].int("n") == 0)
        }
    }

    /// Microseconds since 1970 of instants a `Date` holds to the microsecond: the one the issue
    /// names, the epoch and just before it, the last microseconds of 1999 and of 2099.
    static let instants: [Int64] = [1_774_749_599_999_999, 0, -1, 946_684_799_999_999, 4_102_444_799_999_999]

    @Test func datesRoundTripToTheMicrosecond() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            for microseconds in Self.instants {
                let date = Date(microsecondsSince1970: microseconds)
                #expect(date.microsecondsSince1970 == microseconds)
                let row = try connection.query("""
                    SELECT $1::timestamptz AS t, (extract(epoch from $1::timestamptz) * 1000000)::int8 AS us
                    """, [date])[0]
                #expect(try row.int64("us") == microseconds, "sent \(microseconds)")
                #expect(try row.date("t").microsecondsSince1970 == microseconds, "read \(row["t"] ?? "NULL")")
            }
        }
    }

    /// The text forms themselves are exact over PostgreSQL's whole range (a `Date` is not: a
    /// Double keeps microseconds only within about 285 years of 1970): the first microsecond of
    /// the year 1, the last of 1 BC and of 9999.
    @Test func timestampTextMatchesTheServerOverItsRange() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            for microseconds: Int64 in [-62_135_596_800_000_000, -62_135_596_800_000_001, 253_402_300_799_999_999] {
                let row = try connection.query("""
                    SELECT $1::timestamptz AS t, (extract(epoch from $1::timestamptz) * 1000000)::int8 AS us
                    """, [PostgresTimestamp.text(microsecondsSince1970: microseconds)])[0]
                #expect(try row.int64("us") == microseconds)
                #expect(PostgresTimestamp.microseconds(parsing: try row.string("t")) == microseconds, "read \(row["t"] ?? "NULL")")
            }
        }
    }

    @Test func timestampsInAnotherZoneReadAsTheSameInstant() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            try connection.execute("SET TimeZone = 'Asia/Kolkata'")
            let row = try connection.query("SELECT $1::timestamptz AS t", [Date(microsecondsSince1970: 1_774_749_599_999_999)])[0]
            #expect(row["t"] == "2026-03-29 07:29:59.999999+05:30")
            #expect(try row.date("t").microsecondsSince1970 == 1_774_749_599_999_999)
            #expect(try row.optionalDate("missing") == nil)
        }
    }

    @Test func dateTextIsISOInUTCWithSixFractionDigits() {
        #expect(PostgresTimestamp.text(microsecondsSince1970: 1_774_749_599_999_999) == "2026-03-29 01:59:59.999999+00")
        #expect(PostgresTimestamp.text(microsecondsSince1970: -1) == "1969-12-31 23:59:59.999999+00")
        #expect(PostgresTimestamp.text(microsecondsSince1970: -62_135_596_800_000_001) == "0001-12-31 23:59:59.999999+00 BC")
        #expect(PostgresTimestamp.microseconds(parsing: "2026-03-29 01:59:59.5+00") == 1_774_749_599_500_000)
        #expect(PostgresTimestamp.microseconds(parsing: "infinity") == nil)
        // A Date from a Double is rounded to the nearest microsecond, in one place.
        #expect(Date(timeIntervalSince1970: 1_774_749_599.999999).microsecondsSince1970 == 1_774_749_599_999_999)
    }
}
