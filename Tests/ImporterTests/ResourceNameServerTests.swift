import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Logging
import TestSupport
import Testing

/// UIDs real files hold that servers refused under percent-encoded names (`/`, `*`, `:`, `\`,
/// quotes, `?`) are accepted by Radicale and Xandikos under the names calimport derives now,
/// and a second import finds them (no duplicate, nothing refused).
@Suite struct ResourceNameServerTests {
    static let uids = ["skyrix:/ogo-debian/11810", "http://uid.trumba.com/event/4711", "*masked-away*@google.com",
                       "a\\b", "say \"hi\"", "it's, why?", "plain-uid@example.com", "a b+c=d{e}"]

    static var calendar: Data {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
        for (index, uid) in uids.enumerated() {
            let escaped = uid.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
            lines += ["BEGIN:VEVENT", "UID:\(escaped)", "DTSTAMP:20250101T000000Z", "DTSTART:2025030\(index + 1)T100000Z",
                      "DTEND:2025030\(index + 1)T110000Z", "SUMMARY:event \(index)", "END:VEVENT"]
        }
        return Data((lines + ["END:VCALENDAR", ""]).joined(separator: "\r\n").utf8)
    }

    static let logger: Logger = {
        var logger = Logger(label: "resource-name-tests")
        logger.logLevel = .warning
        return logger
    }()

    static func importTwice(server: String, credentials: TargetCredentials?) throws {
        let account = "names-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let client = HTTPClient()
        _ = try client.perform(HTTPRequest(method: "MKCOL", url: "\(server)/\(account)/", credentials: credentials))
        // The calendar exists beforehand: this test is about resource names, not about creating collections.
        let created = try client.perform(HTTPRequest(method: "MKCALENDAR", url: "\(server)/\(account)/calendar/", credentials: credentials))
        #expect(created.status == 201)
        let target = CalDAVTarget(collectionTemplate: "\(server)/{account}/calendar/", credentials: credentials, httpClient: client)
        let filtered = try CalendarFilter(window: .unbounded).filter(calendar)
        #expect(filtered.items.count == uids.count)
        let first = try target.importCalendar(filtered, account: account, mode: .merge, logger: logger)
        #expect(first.itemErrors.isEmpty, "\(first.itemErrors)")
        #expect(first.imported == uids.count)
        let second = try target.importCalendar(filtered, account: account, mode: .merge, logger: logger)
        #expect(second.itemErrors.isEmpty && second.imported == 0 && second.skipped == uids.count)
        let stored = try CollectionReadBack.calendarData("\(server)/\(account)/calendar/", client: client, credentials: credentials)
            .flatMap { ComponentScan.identities(in: $0) }
        #expect(stored.count == uids.count)
        #expect(Set(stored).count == uids.count)
    }

    @Test(.enabled(if: RadicaleServer.isEnabled))
    func radicaleAcceptsEveryUID() throws {
        try Self.importTwice(server: try RadicaleServer.requireURL(),
                             credentials: TargetCredentials(user: RadicaleServer.user, password: RadicaleServer.password))
    }

    @Test(.enabled(if: XandikosServer.isEnabled))
    func xandikosAcceptsEveryUID() throws {
        try Self.importTwice(server: try XandikosServer.requireURL(), credentials: nil)
    }
}
