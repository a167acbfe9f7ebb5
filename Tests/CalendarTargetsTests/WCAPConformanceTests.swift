@testable import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Sandbox
import TestSupport
import Testing

/// The WCAP connector against a sandbox that makes the pessimistic guesses where the WCAP
/// documents are silent (no UID matching: a blind re-send duplicates).
@Suite struct WCAPConformanceTests {
    @Test func lostAnswersAfterTheImportLandedCreateNoDuplicates() throws {
        let sandbox = try SandboxHarness(resetRate: 0.5)
        let target = try TargetFactory.makeTarget(try TargetURL("wcap+\(sandbox.url)"), context: sandbox.context())
        let accounts = (1...4).map { "lost\($0)@example.com" }
        for account in accounts {
            // As the queue does: an account whose attempt failed transiently is tried again.
            var done = false
            for _ in 0..<12 where !done {
                do {
                    let result = try target.importCalendar(try Fixture.calendar(), account: account, mode: .merge, logger: Fixture.logger)
                    #expect(result.failed == 0)
                    done = true
                } catch let error as CalendarTargetError where error.isTransient {
                    continue
                }
            }
            #expect(done, "\(account) never imported")
            #expect(try sandbox.identities(account) == Fixture.identities, "\(account): each item once")
        }
        #expect(try sandbox.stats()["wcap"]!.resets > 0, "answers were dropped after the sandbox applied the request")
    }

    @Test func theSandboxDuplicatesABlindResend() throws {
        let sandbox = try SandboxHarness()
        let client = HTTPClient()
        let login = try client.perform(HTTPRequest(method: "GET", url: "\(sandbox.url)/login.wcap?user=\(SandboxHarness.user)&password=\(SandboxHarness.password)&proxyauth=d@example.com&fmt-out=text/calendar"))
        let id = try #require(WCAPTarget.line("X-NSCP-WCAP-SESSION-ID", in: login))
        var form = MultipartBody()
        form.addFile(name: "Upload", filename: "c.ics", contentType: "text/calendar", data: Data(Fixture.text().utf8))
        for _ in 0..<2 {
            let answer = try client.perform(HTTPRequest(method: "POST", url: "\(sandbox.url)/import.wcap?id=\(id)&calid=d@example.com&dtstart=0&dtend=0",
                                                        headers: [("Content-Type", form.contentType)], body: form.data))
            #expect(WCAPTarget.line("X-NSCP-WCAP-ERRNO", in: answer) == "0")
        }
        #expect(try sandbox.identities("d@example.com") == (Fixture.identities + Fixture.identities).sorted())
        // Its range is its own simple overlap (no recurrence expansion): February keeps only the single event.
        let ranged = try client.perform(HTTPRequest(method: "POST", url: "\(sandbox.url)/import.wcap?id=\(id)&calid=d@example.com&dtstart=20250201T000000Z&dtend=20250301T000000Z",
                                                    headers: [("Content-Type", form.contentType)], body: form.data))
        #expect(WCAPTarget.line("X-NSCP-WCAP-ERRNO", in: ranged) == "0")
        #expect(try sandbox.identities("d@example.com").filter { $0 == "single-1@test" }.count == 3)
        #expect(try sandbox.identities("d@example.com").filter { $0 == "weekly-1@test" }.count == 2)
    }

    @Test func errnosFollowTheDocumentedTable() {
        for errno in [54, 58, 60, 47, 76, 30, 77, 28, 29] {
            guard case .failure(_, let transient, _) = WCAPErrno.reaction(to: errno) else { Issue.record("errno \(errno) is a failure"); continue }
            #expect(!transient, "errno \(errno) is permanent")
        }
        for errno in [14, 15, 35, 48, 49, 78, 11001] {
            guard case .failure(_, let transient, _) = WCAPErrno.reaction(to: errno) else { Issue.record("errno \(errno) is a failure"); continue }
            #expect(transient, "errno \(errno) can pass")
        }
        #expect(WCAPErrno.reaction(to: 30) != .failure(.accountNotFound, transient: false, meaning: "ILLEGAL_CALID_NAME"), "30 is createcalendar's")
        #expect(WCAPErrno.reaction(to: 2) == .success)
        #expect(WCAPErrno.reaction(to: 1) == .relogin)
    }
}
