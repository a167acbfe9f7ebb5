import CalendarTargets
import Foundation
import HTTPTransport
import Sandbox
import TestSupport
import Testing

/// The sandbox's Zimbra node against what Zimbra/zm-mailbox's code does (the citations are in
/// `Sources/Sandbox/Zimbra`), spoken to directly over HTTP.
@Suite struct ZimbraSandboxFidelityTests {
    let client = HTTPClient()

    static func body(_ events: [(String, [String])]) -> Data {
        let text = events.map { uid, extra in
            (["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20250101T000000Z", "DTSTART:20250301T140000Z", "DTEND:20250301T150000Z"]
                + extra + ["END:VEVENT"]).joined(separator: "\r\n")
        }.joined(separator: "\r\n")
        return Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n\(text)\r\nEND:VCALENDAR\r\n".utf8)
    }

    /// POSTs `body` to `account`'s Calendar with the account's own basic credential.
    func post(_ sandbox: SandboxHarness, _ account: String, _ body: Data, query: String = "", user: String? = nil) throws -> HTTPResponse {
        var form = MultipartBody()
        form.addFile(name: "file", filename: "c.ics", contentType: "text/calendar", data: body)
        return try client.perform(HTTPRequest(
            method: "POST", url: "\(sandbox.url)/service/home/\(account)/Calendar?fmt=ics&auth=ba\(query)",
            headers: [("Content-Type", form.contentType)], body: form.data,
            credentials: .init(user: user ?? account, password: SandboxHarness.password)))
    }

    @Test func withoutIgnoreTheImportStopsAtTheFirstRefusalKeepingWhatCameBefore() throws {
        let sandbox = try SandboxHarness()
        let body = Self.body([("a@test", []), ("bad@test", ["X-CALIMPORT-SANDBOX-REFUSE:bad"]), ("c@test", [])])
        #expect(try post(sandbox, "x@example.com", body).status == 500)
        #expect(try sandbox.identities("x@example.com") == ["a@test"])
        #expect(try post(sandbox, "y@example.com", body, query: "&ignore=1").status == 200)
        #expect(try sandbox.identities("y@example.com") == ["a@test", "c@test"])
        #expect(try post(sandbox, "z@example.com", body, query: "&ignore=0").status == 500, "ignore=0 is off")
    }

    @Test func resolveIsIgnoredAnOlderSequenceAndAZeroInstanceSeriesAreDroppedWith200() throws {
        let sandbox = try SandboxHarness()
        #expect(try post(sandbox, "x@example.com", Self.body([("a@test", ["SEQUENCE:2"])])).status == 200)
        #expect(try post(sandbox, "x@example.com", Self.body([("a@test", ["SEQUENCE:1"])])).status == 200)
        #expect(try sandbox.events("x@example.com").map(\.sequence) == [2])
        let changes = try sandbox.inspection("x@example.com").changes
        #expect(try post(sandbox, "x@example.com", Self.body([("a@test", ["SEQUENCE:2"])]), query: "&resolve=skip").status == 200)
        #expect(try sandbox.inspection("x@example.com").changes == changes + 1, "an equal SEQUENCE replaces, resolve=skip or not")
        let empty = ["RRULE:FREQ=DAILY;COUNT=2", "EXDATE:20250301T140000Z,20250302T140000Z"]
        #expect(try post(sandbox, "x@example.com", Self.body([("empty@test", empty)])).status == 200)
        #expect(try sandbox.identities("x@example.com") == ["a@test"])
    }

    @Test func theExportWithoutARangeHoldsTheWholeFolderAndARangeOnlyWhatOverlapsIt() throws {
        let sandbox = try SandboxHarness()
        #expect(try post(sandbox, "x@example.com", Self.body([("a@test", []), ("b@test", ["RECURRENCE-ID:20250301T140000Z"])])).status == 200)
        func exported(_ query: String) throws -> Int {
            let response = try client.perform(HTTPRequest(
                method: "GET", url: "\(sandbox.url)/service/home/x@example.com/Calendar?fmt=ics&auth=ba\(query)",
                credentials: .init(user: "x@example.com", password: SandboxHarness.password)))
            return String(decoding: response.body, as: UTF8.self).components(separatedBy: "BEGIN:VEVENT").count - 1
        }
        #expect(try exported("") == 2)
        #expect(try exported("&start=1740787200000") == 2, "one bound is no range (IcsFormatter.java:79)")
        #expect(try exported("&start=1738368000000&end=1740787200000") == 0, "February 2025")
        #expect(try exported("&start=1740787200000&end=1740873600000") == 2, "1 March 2025")
    }

    @Test func basicAuthWritesOnlyIntoTheCredentialsOwnMailbox() throws {
        let sandbox = try SandboxHarness()
        let response = try post(sandbox, "anna@example.com", Self.body([("a@test", [])]), user: SandboxHarness.user)
        #expect(response.status == 404)
        #expect(try post(sandbox, "anna@example.com", Self.body([("a@test", [])])).status == 200)
    }

    @Test func aCookiePostToAMissingFolderAnswers401AndGetFolderSaysNoSuchFolder() throws {
        let sandbox = try SandboxHarness()
        let token = try preauthToken(sandbox, "anna@example.com")
        var form = MultipartBody()
        form.addFile(name: "file", filename: "c.ics", contentType: "text/calendar", data: Self.body([("a@test", [])]))
        let post = try client.perform(HTTPRequest(method: "POST", url: "\(sandbox.url)/service/home/anna@example.com/Nope?fmt=ics",
                                                  headers: [("Content-Type", form.contentType), ("Cookie", "ZM_AUTH_TOKEN=\(token)")], body: form.data))
        #expect(post.status == 401)
        let get = try client.perform(HTTPRequest(method: "GET", url: "\(sandbox.url)/service/home/anna@example.com/Nope?fmt=ics",
                                                 headers: [("Cookie", "ZM_AUTH_TOKEN=\(token)")]))
        #expect(get.status == 404)
        let soap = try client.perform(HTTPRequest(method: "POST", url: "\(sandbox.url)/service/soap", body: Data("""
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Header><context xmlns="urn:zimbra">\
            <authToken>\(token)</authToken></context></soap:Header><soap:Body><GetFolderRequest xmlns="urn:zimbraMail">\
            <folder path='/Nope'/></GetFolderRequest></soap:Body></soap:Envelope>
            """.utf8)))
        #expect(String(decoding: soap.body, as: UTF8.self).contains("<Code>mail.NO_SUCH_FOLDER</Code>"))
    }

    @Test func preauthFailuresSayOnlyAuthenticationFailed() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        for (account, key) in [("ghost@example.com", SandboxHarness.preauthKey), ("known@example.com", "bad")] {
            let response = try client.perform(HTTPRequest(method: "GET", url: preauthURL(sandbox, account, key: key)))
            #expect(response.status == 400)
            #expect(String(decoding: response.body, as: UTF8.self) == "authentication failed for [\(account)]")
        }
    }

    @Test func delegateAuthAnswersTheLifetimeAskedForAndReadsEscapedXML() throws {
        let sandbox = try SandboxHarness()
        let auth = try soap(sandbox, "/service/admin/soap", token: nil, """
            <AuthRequest xmlns="urn:zimbraAdmin"><name>\(SandboxHarness.user)</name><password>\(SandboxHarness.password)</password></AuthRequest>
            """)
        let admin = try #require(Self.text("authToken", auth))
        let delegated = try soap(sandbox, "/service/admin/soap", token: admin, """
            <DelegateAuthRequest xmlns="urn:zimbraAdmin" duration="86400"><account by="name">o&apos;brien&#64;example.com</account></DelegateAuthRequest>
            """)
        #expect(Self.text("lifetime", delegated) == "86400000", "\(delegated)")
        #expect(Self.text("authToken", delegated) != nil, "\(delegated)")
    }

    func soap(_ sandbox: SandboxHarness, _ path: String, token: String?, _ body: String) throws -> String {
        let context = token.map { "<context xmlns=\"urn:zimbra\"><authToken>\($0)</authToken></context>" } ?? ""
        let envelope = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Header>\(context)</soap:Header><soap:Body>\(body)</soap:Body></soap:Envelope>"
        return String(decoding: try client.perform(HTTPRequest(method: "POST", url: sandbox.url + path, body: Data(envelope.utf8))).body, as: UTF8.self)
    }

    static func text(_ element: String, _ xml: String) -> String? {
        guard let open = xml.range(of: "<\(element)>"), let close = xml.range(of: "</\(element)>", range: open.upperBound..<xml.endIndex) else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    func preauthURL(_ sandbox: SandboxHarness, _ account: String, key: String) -> String {
        let timestamp = String(Int64(Date().timeIntervalSince1970 * 1000))
        // ZimbraPreauthTests checks this value against Python's hmac; the sandbox computes its own.
        let value = ZimbraPreauth.value(key: key, account: account, by: "name", expires: "0", timestamp: timestamp)
        return "\(sandbox.url)/service/preauth?account=\(account)&by=name&timestamp=\(timestamp)&expires=0&preauth=\(value)"
    }

    func preauthToken(_ sandbox: SandboxHarness, _ account: String) throws -> String {
        let response = try client.perform(HTTPRequest(method: "GET", url: preauthURL(sandbox, account, key: SandboxHarness.preauthKey)))
        return try #require(response.cookie("ZM_AUTH_TOKEN"))
    }
}
