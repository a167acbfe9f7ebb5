import Foundation

/// The Xandikos server ops/test starts on 127.0.0.1 (`TEST_XANDIKOS_URL`): a second real CalDAV
/// server, without authentication. Without it the tests that need it are skipped, unless
/// `REQUIRE_TEST_XANDIKOS=1`, which makes them fail.
///
/// Layout: Xandikos (`--autocreate`) has one principal, `/user/`, whose calendar home is
/// `/user/calendars/`; it creates a calendar (MKCALENDAR) at any path whose parent collection
/// exists, so the tests give each account a home with `MKCOL /<account>/` and import into
/// `/<account>/calendar/`, the layout they use on Radicale too.
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
