import Foundation
import Postgres

/// A fresh, empty database for one test, created on the server named by `TEST_DATABASE_URL`
/// (ops/test starts one) and dropped afterwards.
///
/// Without `TEST_DATABASE_URL` the tests that need a database are skipped, unless
/// `REQUIRE_TEST_DATABASE=1` (as in CI), which turns the missing database into a failure.
public enum TestDatabase {
    /// Whether database tests should run (a URL is set, or one is required).
    public static var isEnabled: Bool {
        serverURL != nil || ProcessInfo.processInfo.environment["REQUIRE_TEST_DATABASE"] == "1"
    }

    static var serverURL: String? {
        ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs `body` with the URL of a new database, then drops it.
    public static func with<T>(_ body: (String) throws -> T) throws -> T {
        guard let serverURL else {
            throw TestEnvironmentError("REQUIRE_TEST_DATABASE=1 but TEST_DATABASE_URL is not set (run ops/test)")
        }
        let name = "calimport_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try PostgresConnection(url: serverURL)
        try admin.execute("CREATE DATABASE \(name)")
        defer { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        return try body(url(serverURL, database: name))
    }

    /// `url` pointing at `database` instead: a URI gets its path replaced, a keyword string gets `dbname=`.
    public static func url(_ url: String, database: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url + " dbname=\(database)" }
        let rest = url[schemeEnd.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        let beforeQuery = rest[..<(rest.firstIndex(of: "?") ?? rest.endIndex)]
        let authority = beforeQuery.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(url[..<schemeEnd.upperBound]) + authority + "/" + database + query
    }
}

/// A test's environment is not what it needs.
public struct TestEnvironmentError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
