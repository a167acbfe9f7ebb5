import Foundation

/// The Xandikos server ops/test starts on 127.0.0.1 (`TEST_XANDIKOS_URL`; no authentication).
/// Without it the tests against it are skipped, unless `REQUIRE_TEST_XANDIKOS=1`, which makes
/// them fail.
public enum XandikosServer {
    public static var isEnabled: Bool {
        url != nil || ProcessInfo.processInfo.environment["REQUIRE_TEST_XANDIKOS"] == "1"
    }

    public static var url: String? {
        ProcessInfo.processInfo.environment["TEST_XANDIKOS_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The server URL, or an error when it is required but missing.
    public static func requireURL() throws -> String {
        guard let url else { throw TestEnvironmentError("REQUIRE_TEST_XANDIKOS=1 but TEST_XANDIKOS_URL is not set (run ops/test)") }
        return url
    }
}
