import CalendarTargets
import Foundation
import Sandbox
import TestSupport
import Testing

/// Connectors stop at their checkpoints once their job is cancelled, against the sandbox node.
@Suite struct CancellationTests {
    @Test func calDAVStopsBetweenItemsAndReportsWhatItPushed() throws {
        let sandbox = try SandboxHarness()
        let url = try TargetURL("caldav+\(sandbox.url)/caldav/{account}/calendar/?parallel=1")
        let target = try TargetFactory.makeTarget(url, context: sandbox.context())
        // Three items (weekly series with its override, single, extra); cancelled before the third.
        let cancel = CancelAfter(asks: 2)
        let result = try target.importCalendar(
            try Fixture.calendar(extraUID: "extra@test"), account: "c@example.com", mode: .merge, cancellation: cancel.check, logger: Fixture.logger)
        #expect(result == TargetImportResult(imported: 3, cancelled: true))
        #expect(cancel.asked == 3)
        #expect(try sandbox.identities("c@example.com") == Fixture.identities)
    }

    @Test func blueMindWritesNothingOnceCancelled() throws {
        let sandbox = try SandboxHarness()
        let target = try TargetFactory.makeTarget(try TargetURL("bluemind+\(sandbox.url)"), context: sandbox.context())
        _ = try target.importCalendar(try Fixture.calendar(), account: "b@example.com", mode: .merge, logger: Fixture.logger)
        let result = try target.importCalendar(
            try Fixture.calendar(extraUID: "extra@test"), account: "b@example.com", mode: .replace,
            cancellation: CancellationCheck { true }, logger: Fixture.logger)
        #expect(result == TargetImportResult(cancelled: true))
        #expect(try sandbox.identities("b@example.com") == Fixture.identities)
    }
}
