import CalendarTargets
import Foundation
import HTTPTransport
import ICalendar
import Sandbox
import TestSupport
import Testing

/// The WCAP connector against the sandbox node.
@Suite struct WCAPTargetTests {
    func target(_ sandbox: SandboxHarness, window: DateWindow = .unbounded, env: [String: String] = [:]) throws -> any CalendarTarget {
        try TargetFactory.makeTarget(try TargetURL("wcap+\(sandbox.url)"), window: window, context: sandbox.context(env))
    }

    @Test func proxyauthImportIsIdempotentAndLogsOutAtClose() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        for _ in 0..<2 {
            let result = try target.importCalendar(try Fixture.calendar(), account: "w@example.com", mode: .merge, logger: Fixture.logger)
            #expect(result.imported == 3)
        }
        #expect(try sandbox.identities("w@example.com") == Fixture.identities)
        let before = try sandbox.stats()["wcap"]!.requests
        target.close(logger: Fixture.logger)
        #expect(try sandbox.stats()["wcap"]!.requests == before + 1)
    }

    @Test func anExpiredSessionLogsInAgainOnce() throws {
        let sandbox = try SandboxHarness()
        let target = try target(sandbox)
        _ = try target.importCalendar(try Fixture.calendar(), account: "w@example.com", mode: .merge, logger: Fixture.logger)
        try sandbox.expireSessions()
        _ = try target.importCalendar(try Fixture.calendar(extraUID: "x@test"), account: "w@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("w@example.com").contains("x@test"))
    }

    @Test func dtstartAndDtendCarryTheBatchWindow() throws {
        let sandbox = try SandboxHarness()
        let formatter = ISO8601DateFormatter()
        let february = DateWindow(from: formatter.date(from: "2025-02-01T00:00:00Z"), to: formatter.date(from: "2025-03-01T00:00:00Z"))
        // The connector is handed more than the window (the extra event is on 1 March): the server's range drops it.
        _ = try target(sandbox, window: february).importCalendar(
            try Fixture.calendar(extraUID: "march@test"), account: "f@example.com", mode: .merge, logger: Fixture.logger)
        #expect(try sandbox.identities("f@example.com") == Fixture.identities)
    }

    @Test func errnosBecomeClassifiedFailures() throws {
        let sandbox = try SandboxHarness(accounts: ["known@example.com"])
        let missing = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(try Fixture.calendar(), account: "ghost@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(missing?.code == .accountNotFound)
        #expect(missing?.message.contains("errno 29") == true)
        let login = #expect(throws: CalendarTargetError.self) {
            try target(sandbox, env: ["CALIMPORT_TARGET_PASSWORD": "wrong"]).importCalendar(try Fixture.calendar(), account: "known@example.com", mode: .merge, logger: Fixture.logger)
        }
        #expect(login?.code == .unauthorized)
        let replace = #expect(throws: CalendarTargetError.self) {
            try target(sandbox).importCalendar(try Fixture.calendar(), account: "known@example.com", mode: .replace, logger: Fixture.logger)
        }
        #expect(replace?.isTransient == false)
        #expect(replace?.message.contains("replace") == true)
    }
}
