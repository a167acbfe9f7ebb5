import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Sandbox
import TestSupport
import Testing

/// The Zimbra/Carbonio connector against the sandbox node.
@Suite struct ZimbraTargetTests {
    func target(_ sandbox: SandboxHarness, _ query: String = "", env: [String: String] = [:]) throws -> any CalendarTarget {
        let url = try TargetURL("zimbra+\(sandbox.url)?admin-url=\(sandbox.url)" + query)
        return try TargetFactory.makeTarget(url, context: sandbox.context(env))
    }

    @Test func adminDelegatedImportStoresEveryComponentOnceAndRetriesDoNotDuplicate() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        let result = try target.importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(result.imported == 3)
        #expect(try sandbox.identities("anna@example.com") == Fixture.identities)
        _ = try target.importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("anna@example.com") == Fixture.identities)
    }

    @Test func expiredTokenIsRenewedOnceAndTheImportSucceeds() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        _ = try target.importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        try sandbox.expireSessions()
        let again = try target.importCalendar(try Fixture.calendar(extraUID: "new@test"), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        #expect(again.imported == 4)
        #expect(try sandbox.identities("anna@example.com").contains("new@test"))
    }

    @Test func preauthAndBasicAuthImportToo() throws {
        let sandbox = try SandboxHarness()
        _ = try target(sandbox, "&auth=preauth").importCalendar(try Fixture.calendar(), account: "p@example.com", mode: .merge, logger: Fixture.logger)
        _ = try target(sandbox, "&auth=basic", env: ["CALIMPORT_TARGET_USER": "b@example.com"])
            .importCalendar(try Fixture.calendar(), account: "b@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("p@example.com") == Fixture.identities)
        #expect(try sandbox.identities("b@example.com") == Fixture.identities)
    }

    @Test func wrongPasswordAndWrongPreauthKeyArePermanentAndNameTheAccount() throws {
        let sandbox = try SandboxHarness()
        for (query, env) in [("", ["CALIMPORT_TARGET_PASSWORD": "wrong"]), ("&auth=preauth", ["CALIMPORT_ZIMBRA_PREAUTH_KEY": "bad"]),
                             ("&auth=basic", ["CALIMPORT_TARGET_PASSWORD": "wrong", "CALIMPORT_TARGET_USER": "anna@example.com"])] {
            let error = #expect(throws: CalendarTargetError.self) {
                try target(sandbox, query, env: env).importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
            }
            #expect(error?.code == .unauthorized, "\(query): \(String(describing: error))")
            #expect(error?.isTransient == false)
        }
    }

    @Test func unknownAccountIsPermanent() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        let error = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(try Fixture.calendar(), account: "ghost@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(error?.code == .accountNotFound)
        #expect(error?.message.contains("ghost@example.com") == true)
    }

    @Test func replaceEmptiesTheFolderFirstAndSkipExistingKeepsWhatIsThere() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        try Fixture.expectReplaceDropsTheStaleItem(target, in: sandbox, account: "r@example.com")
        let skipped = try target.importCalendar(try Fixture.calendar(sequence: 5), account: "r@example.com", mode: .skipExisting, logger: Fixture.logger)
        #expect(try sandbox.events("r@example.com").allSatisfy { $0.sequence == 0 })
        #expect(skipped.skipped == 3 && skipped.imported == 0, "\(skipped)")
        _ = try target.importCalendar(try Fixture.calendar(sequence: 5), account: "r@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.events("r@example.com").filter { $0.uid == "weekly-1@test" }.allSatisfy { $0.sequence == 5 })
    }

    @Test func serverFailuresAreTransientAndThrottlingCarriesRetryAfter() throws {
        let failing = try SandboxHarness(failRate: 1)
        let error = #expect(throws: CalendarTargetError.self) {
            try target(failing).importCalendar(try Fixture.calendar(), account: "a@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(error?.isTransient == true)
        #expect(error?.httpStatus == 503)
        let throttled = try SandboxHarness(throttle: 0.001)
        let throttleError = #expect(throws: CalendarTargetError.self) {
            try target(throttled).importCalendar(try Fixture.calendar(), account: "a@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(throttleError?.code == .throttled)
        #expect(throttleError?.retryAfter == 1)
    }

    func check(_ sandbox: SandboxHarness, _ query: String = "", env: [String: String] = [:]) throws -> any TargetCheck {
        let url = try TargetURL("zimbra+\(sandbox.url)?admin-url=\(sandbox.url)" + query)
        let context = sandbox.context(env)
        return try #require(try TargetFactory.makeCheck(url, httpClient: context.httpClient, environment: context.environment))
    }

    @Test func checkAuthenticatesLikeImportsFindsTheFolderAndWritesNothing() throws {
        let sandbox = try SandboxHarness(accounts: ["anna@example.com"])
        _ = try target(sandbox).importCalendar(try Fixture.calendar(), account: "anna@example.com", mode: .merge, logger: Fixture.logger)
        let before = try sandbox.inspection("anna@example.com")
        #expect(before.changes > 0, "the sandbox counts the import's writes")
        let folder = "anna@example.com: folder /Calendar found (id 10, view appointment, 2 items)"
        #expect(try check(sandbox).check(account: "anna@example.com", logger: Fixture.logger) == [
            "authenticated as admin on \(sandbox.url) (admin AuthRequest)", "anna@example.com: account exists (DelegateAuthRequest)", folder,
        ])
        #expect(try check(sandbox, "&auth=preauth").check(account: "anna@example.com", logger: Fixture.logger) == [
            "anna@example.com: preauth accepted by \(sandbox.url)/service/preauth", folder,
        ])
        #expect(try check(sandbox, "&auth=basic", env: ["CALIMPORT_TARGET_USER": "anna@example.com"]).check(account: "anna@example.com", logger: Fixture.logger) == [
            "anna@example.com: REST GET of /Calendar accepted anna@example.com with basic auth (HTTP 200): the account and its folder exist",
        ])
        #expect(try check(sandbox).check(account: nil, logger: Fixture.logger) == ["authenticated as admin on \(sandbox.url) (admin AuthRequest)"])
        let reached = try check(sandbox, "&auth=preauth").check(account: nil, logger: Fixture.logger)
        #expect(reached.count == 1 && reached[0].hasPrefix("reached \(sandbox.url) (HTTP "), "\(reached)")
        let after = try sandbox.inspection("anna@example.com")
        #expect(after.events == before.events)
        #expect(after.changes == before.changes, "no write reached the node")
    }

    @Test func checkOfAnUnknownAccountFailsWithAccountNotFoundNamingIt() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        // Preauth cannot tell an unknown account from a wrong key (the server does not say);
        // basic auth as the administrator is refused before any request for another mailbox.
        for (query, code) in [("", CalendarTargetError.Code.accountNotFound), ("&auth=preauth", .unauthorized), ("&auth=basic", .invalidTarget)] {
            let error = #expect(throws: CalendarTargetError.self) {
                try check(sandbox, query).check(account: "ghost@example.com", logger: Fixture.logger)
            }
            #expect(error?.code == code, "\(query): \(String(describing: error))")
            #expect(error?.message.hasPrefix("ghost@example.com: ") == true, "\(query): \(String(describing: error))")
        }
        let folder = #expect(throws: CalendarTargetError.self) {
            try check(sandbox, "&folder=Nope").check(account: "known@example.com", logger: Fixture.logger)
        }
        #expect(folder?.code == .accountNotFound && folder?.message.contains("NO_SUCH_FOLDER") == true, "\(String(describing: folder))")
        #expect(try sandbox.inspection("ghost@example.com").changes == 0)
    }

    @Test func checkWithWrongCredentialsFailsWithUnauthorized() throws {
        let sandbox = try SandboxHarness(accounts: ["anna@example.com"])
        for (query, env, named) in [("", ["CALIMPORT_TARGET_PASSWORD": "wrong-secret"], "admin"),
                                    ("&auth=preauth", ["CALIMPORT_ZIMBRA_PREAUTH_KEY": "bad-secret"], "anna@example.com"),
                                    ("&auth=basic", ["CALIMPORT_TARGET_PASSWORD": "wrong-secret", "CALIMPORT_TARGET_USER": "anna@example.com"], "anna@example.com")] {
            let error = #expect(throws: CalendarTargetError.self) {
                try check(sandbox, query, env: env).check(account: "anna@example.com", logger: Fixture.logger)
            }
            #expect(error?.code == .unauthorized, "\(query): \(String(describing: error))")
            #expect(error?.message.hasPrefix(named + ": ") == true, "\(query): \(String(describing: error))")
            #expect(error?.message.contains("wrong-secret") == false && error?.message.contains("bad-secret") == false, "no secret in the message")
        }
        #expect(try sandbox.inspection("anna@example.com").changes == 0)
    }

    @Test func checkOfAnUnreachableNodeFailsWithTransport() throws {
        let port = try FreePort.find()
        let url = try TargetURL("zimbra+http://127.0.0.1:\(port)?admin-url=http://127.0.0.1:\(port)")
        let check = try #require(try TargetFactory.makeCheck(url, httpClient: HTTPClient(), environment: SandboxHarness.environment))
        let error = #expect(throws: CalendarTargetError.self) { try check.check(account: "anna@example.com", logger: Fixture.logger) }
        #expect(error?.code == .transport)
    }

    /// A calendar above 128 KB whose VTIMEZONE comes after the events that use it.
    static func bigCalendarWithZoneLast() -> String {
        let text = Fixture.text()
        let zoneStart = text.range(of: "BEGIN:VTIMEZONE")!.lowerBound
        let zoneEnd = text.range(of: "END:VTIMEZONE\r\n")!.upperBound
        let zone = String(text[zoneStart..<zoneEnd])
        let filler = (0..<1500).map { index in
            "BEGIN:VEVENT\r\nUID:filler-\(index)@test\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20250301T090000\r\nDTEND;TZID=Europe/Berlin:20250301T100000\r\nSUMMARY:Filler \(index) with some words to make it longer\r\nEND:VEVENT\r\n"
        }.joined()
        return text.replacingCharacters(in: zoneStart..<zoneEnd, with: "")
            .replacingOccurrences(of: "END:VCALENDAR\r\n", with: filler + zone + "END:VCALENDAR\r\n")
    }

    @Test func theSandboxRefusesABigFileWithAZoneAfterItsFirstUse() throws {
        let sandbox = try SandboxHarness()
        var form = MultipartBody()
        form.addFile(name: "file", filename: "c.ics", contentType: "text/calendar", data: Data(Self.bigCalendarWithZoneLast().utf8))
        let response = try HTTPClient().perform(HTTPRequest(
            method: "POST", url: sandbox.url + "/service/home/big@example.com/Calendar?fmt=ics&auth=ba",
            headers: [("Content-Type", form.contentType)], body: form.data,
            credentials: .init(user: "big@example.com", password: SandboxHarness.password)))
        #expect(response.status == 500)
        #expect(try sandbox.identities("big@example.com").isEmpty)
    }

    @Test func theConnectorSendsZonesFirstSoABigFileImports() throws {
        let sandbox = try SandboxHarness()
        let calendar = try CalendarFilter(window: .unbounded).filter(Data(Self.bigCalendarWithZoneLast().utf8))
        #expect(calendar.serialized().count > 128 * 1024)
        _ = try target(sandbox).importCalendar(calendar, account: "big@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("big@example.com").count == 1503)
    }
}
