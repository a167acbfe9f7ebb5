import Foundation
import ICalendar
@testable import JobQueue
import Postgres
import TestSupport
import Testing

/// The outcomes' JSON (hand-written for speed) carries any text a failure message or an item
/// error can hold, and PostgreSQL stores it as given.
@Suite struct OutcomeJSONTests {
    static let awkward = "quote \" backslash \\ newline \n cr \r tab \t bell \u{7} unit \u{1F} Zoë ✓ 𝄞 end"

    static func failedOutcome(id: Int = 7, message: String = awkward) -> JobOutcome {
        let job = ClaimedJob(id: id, batchID: 1, account: "a", leaseID: "00000000-0000-0000-0000-000000000001", attempt: 1, claimedAt: Date(timeIntervalSince1970: 1_700_000_000.25))
        let failure = JobFailure(failureClass: .permanent, code: "source.parse", httpStatus: 422, message: message)
        return JobOutcome(
            job: job, result: .failed(failure, retryDelay: .milliseconds(90_500)), counters: JobCounters(imported: 3, derivedUIDs: 2),
            itemErrors: [ItemError(uid: "uid-\"1\"", recurrenceID: nil, reason: awkward)])
    }

    @Test func aNumberJSONCannotCarryIsWrittenAsZero() throws {
        var object = JSONObjectText()
        object.add("infinite", Double.infinity)
        object.add("nan", Double.nan)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(object.finished.utf8)) as? [String: Any])
        #expect(parsed["infinite"] as? Double == 0 && parsed["nan"] as? Double == 0)
    }

    @Test func everyFieldParsesBackAsGiven() throws {
        let text = JobQueue.outcomesJSON([Self.failedOutcome(), Self.failedOutcome(id: 8, message: "plain")])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        let first = array[0]
        #expect(first["id"] as? Int == 7)
        #expect(first["lease"] as? String == "00000000-0000-0000-0000-000000000001")
        #expect(first["succeeded"] as? Bool == false)
        #expect(first["message"] as? String == Self.awkward)
        #expect(first["http_status"] as? Int == 422)
        #expect(first["imported"] as? Int == 3)
        #expect(first["derived_uids"] as? Int == 2)
        #expect(first["started_at"] as? Double == 1_700_000_000.25)
        #expect(first["retry_delay"] as? Double == 90.5, "the delay in seconds, fractions kept")
        let items = try #require(first["item_errors"] as? [[String: Any]])
        #expect(items.first?["uid"] as? String == "uid-\"1\"")
        #expect(items.first?["recurrence_id"] is NSNull)
        #expect(items.first?["reason"] as? String == Self.awkward)
        #expect(array[1]["message"] as? String == "plain")
    }

    @Test func nulBecomesTheReplacementCharacter() throws {
        let text = JobQueue.outcomesJSON([Self.failedOutcome(message: "binary\u{0}file")])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.first?["message"] as? String == "binary\u{FFFD}file")
    }

    @Test(.enabled(if: TestDatabase.isEnabled)) func postgresStoresTheTextAsGiven() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a"])
            let job = try #require(try fixture.queue.claim(limit: 1, workerID: "w", leaseDuration: .seconds(60)).first)
            let outcome = Self.failedOutcome(message: Self.awkward + " nul \u{0} here")
            let claimed = JobOutcome(job: job, result: outcome.result, counters: outcome.counters, itemErrors: outcome.itemErrors)
            #expect(try fixture.queue.record([claimed], workerID: "w") == 1)
            let result = try fixture.queue.connection.query("SELECT message, derived_uids FROM job_results WHERE job_id = $1::bigint", [String(job.id)])
            #expect(result.first?["message"] == Self.awkward + " nul \u{FFFD} here")
            #expect(result.first?["derived_uids"] == "2")
            let items = try fixture.queue.connection.query("SELECT uid, reason FROM item_errors WHERE job_id = $1::bigint", [String(job.id)])
            #expect(items.first?["uid"] == "uid-\"1\"")
            #expect(items.first?["reason"] == Self.awkward)
        }
    }
}
