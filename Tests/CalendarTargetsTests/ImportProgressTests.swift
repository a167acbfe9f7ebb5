import CalendarTargets
import Foundation
import ICalendar
import Sandbox
import TestSupport
import Testing

/// Every kind of target counts each kept component once in the job's progress, whether it
/// imports or skips it; whole-file targets that read back what landed end in `verifying`.
@Suite struct ImportProgressTests {
    @Test(arguments: ["caldav", "zimbra", "wcap", "bluemind", "file"])
    func everyTargetCountsEachKeptComponentOnce(_ kind: String) throws {
        let sandbox = try SandboxHarness()
        let url = switch kind {
        case "caldav": "caldav+\(sandbox.url)/caldav/{account}/calendar/"
        case "zimbra": "zimbra+\(sandbox.url)?admin-url=\(sandbox.url)"
        case "file": "file://" + FileManager.default.temporaryDirectory.appendingPathComponent("calimport-progress-\(UUID().uuidString)").path
        default: "\(kind)+\(sandbox.url)"
        }
        let target = try TargetFactory.makeTarget(try TargetURL(url), context: sandbox.context())
        let calendar = try SpooledCalendar(try Fixture.calendar())
        // The first import stores everything, the second finds it there.
        for round in 1...2 {
            let progress = ImportProgress()
            progress.enter(.pushing, total: calendar.counts.componentsKept)
            let result = try target.importCalendar(
                calendar, account: "progress@example.com", mode: .merge, cancellation: .never, progress: progress, logger: Fixture.logger)
            let seen = progress.snapshot
            #expect(seen.total == calendar.counts.componentsKept)
            #expect(seen.done == calendar.counts.componentsKept, "\(kind), import \(round)")
            #expect(seen.done == result.imported + result.skipped + result.failed, "\(kind), import \(round): \(result)")
            if round == 1 { #expect(seen.phase == (["zimbra", "wcap"].contains(kind) ? .verifying : .pushing), "\(kind)") }
        }
    }
}
