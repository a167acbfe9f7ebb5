import Foundation

/// The Radicale server ops/test starts on 127.0.0.1 (`TEST_RADICALE_URL`, `TEST_RADICALE_USER`,
/// `TEST_RADICALE_PASSWORD`). Without it the CalDAV tests are skipped, unless
/// `REQUIRE_TEST_RADICALE=1`, which makes them fail.
public enum RadicaleServer {
    public static var isEnabled: Bool {
        url != nil || ProcessInfo.processInfo.environment["REQUIRE_TEST_RADICALE"] == "1"
    }

    public static var url: String? {
        ProcessInfo.processInfo.environment["TEST_RADICALE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var user: String { ProcessInfo.processInfo.environment["TEST_RADICALE_USER"] ?? "" }
    public static var password: String { ProcessInfo.processInfo.environment["TEST_RADICALE_PASSWORD"] ?? "" }

    /// The server URL, or an error when it is required but missing.
    public static func requireURL() throws -> String {
        guard let url else { throw TestEnvironmentError("REQUIRE_TEST_RADICALE=1 but TEST_RADICALE_URL is not set (run ops/test)") }
        return url
    }
}
