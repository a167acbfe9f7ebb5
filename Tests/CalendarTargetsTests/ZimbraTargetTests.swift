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
        return try TargetFactory.makeTarget(url, window: .unbounded, context: sandbox.context(env))
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
        _ = try target(sandbox, "&auth=basic").importCalendar(try Fixture.calendar(), account: "b@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("p@example.com") == Fixture.identities)
        #expect(try sandbox.identities("b@example.com") == Fixture.identities)
    }

    @Test func wrongPasswordAndWrongPreauthKeyArePermanentAndNameTheAccount() throws {
        let sandbox = try SandboxHarness()
        for (query, env) in [("", ["CALIMPORT_TARGET_PASSWORD": "wrong"]), ("&auth=preauth", ["CALIMPORT_ZIMBRA_PREAUTH_KEY": "bad"]),
                             ("&auth=basic", ["CALIMPORT_TARGET_PASSWORD": "wrong"])] {
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
        _ = try target.importCalendar(try Fixture.calendar(extraUID: "stale@test"), account: "r@example.com", mode: .merge, logger: Fixture.logger)
        _ = try target.importCalendar(try Fixture.calendar(), account: "r@example.com", mode: .replace, logger: Fixture.logger)
        #expect(try sandbox.identities("r@example.com") == Fixture.identities)
        _ = try target.importCalendar(try Fixture.calendar(sequence: 5), account: "r@example.com", mode: .skipExisting, logger: Fixture.logger)
        #expect(try sandbox.events("r@example.com").allSatisfy { $0.sequence == 0 })
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
            credentials: .init(user: SandboxHarness.user, password: SandboxHarness.password)))
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
