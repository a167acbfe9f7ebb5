import CalendarTargets
import Testing

/// The preauth value against one computed independently (Python's `hmac` with SHA-1).
@Suite struct ZimbraPreauthTests {
    @Test func matchesAnIndependentHMACSHA1() {
        let value = ZimbraPreauth.value(key: "0123456789abcdef0123456789abcdef", account: "anna@example.com", by: "name",
                                        expires: "0", timestamp: "1700000000000")
        #expect(value == "681a5336c9687e0030f738f66fc4a2543347d8d3")
    }
}
