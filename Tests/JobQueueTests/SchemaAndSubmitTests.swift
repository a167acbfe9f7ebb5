import Foundation
@testable import JobQueue
import Postgres
import TestSupport
import Testing

@Suite(.enabled(if: TestDatabase.isEnabled))
struct SchemaAndSubmitTests {
    @Test func migratingTwiceChangesNothing() throws {
        try TestDatabase.with { url in
            let connection = try PostgresConnection(url: url)
            let first = try SchemaMigrator().migrate(connection, logger: QueueFixture.logger)
            #expect(first == SchemaMigrator.migrations.map(\.version))
            let tables = try connection.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")[0].int("n")
            let second = try SchemaMigrator().migrate(connection, logger: QueueFixture.logger)
            #expect(second.isEmpty)
            #expect(try connection.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")[0].int("n") == tables)
            #expect(try SchemaMigrator().isCurrent(connection))
        }
    }

    @Test func jobsTableIsNarrowAndHOTFriendly() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            let options = try fixture.queue.connection.query("SELECT reloptions::text AS o FROM pg_class WHERE relname = 'jobs'")[0]["o"] ?? ""
            #expect(options.contains("fillfactor=70"))
            let indexed = try fixture.queue.connection.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'jobs'")
                .compactMap { $0["indexdef"] }
            #expect(!indexed.contains { $0.contains("lease_until") })
        }
    }

    @Test func submittingTwiceAddsNothing() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            let accounts = (1...2500).map { "user\($0)@example.com" }
            let first = try fixture.queue.submit(QueueFixture.definition(), accounts: accounts)
            #expect(first.batchCreated)
            #expect(first.accountsAdded == 2500)
            let second = try fixture.queue.submit(QueueFixture.definition(), accounts: accounts + ["late@example.com"])
            #expect(!second.batchCreated)
            #expect(second.accountsAdded == 1)
            #expect(try fixture.states()["pending"] == 2501)
        }
    }

    @Test func aStreamedSubmitOf50kAccountsIsDeduplicatedOnResubmit() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            let accounts = (0..<50_000).lazy.map { (account: "user\($0)@example.com", targetAccount: $0 % 10 == 0 ? "new\($0)@example.com" : nil) }
            let first = try fixture.queue.submit(QueueFixture.definition(), accounts: accounts)
            #expect(first.accountsGiven == 50_000 && first.accountsAdded == 50_000)
            let second = try fixture.queue.submit(QueueFixture.definition(), accounts: accounts)
            #expect(!second.batchCreated && second.accountsGiven == 50_000 && second.accountsAdded == 0)
            #expect(try fixture.states() == ["pending": 50_000])
            let renamed = try fixture.queue.connection.query("SELECT count(*) AS n FROM jobs WHERE target_account IS NOT NULL")
            #expect(try renamed[0].int("n") == 5_000)
            #expect(try fixture.queue.status().first?.pending == 50_000)
        }
    }

    @Test func aSubmitRefusedAfterItsAccountsStreamedEnqueuesNothing() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a", "b"].lazy.map { (account: $0, targetAccount: nil) }) {
                    throw Refused()
                }
            }
            #expect(try fixture.queue.batch(named: "b1") == nil)
            #expect(try fixture.queue.connection.query("SELECT count(*) AS n FROM jobs")[0].int("n") == 0)
        }
    }

    @Test func accountsAreEnqueuedOnceInTheOrderGiven() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            let result = try fixture.queue.submit(QueueFixture.definition(), accounts: ["zoe", "adam", "zoe", "mia"])
            #expect(result.accountsAdded == 3)
            let claimed = try fixture.queue.claim(limit: 10, workerID: "w", leaseDuration: .seconds(60))
            #expect(claimed.map(\.account) == ["zoe", "adam", "mia"])
        }
    }

    @Test func sameNameWithAnotherTargetOrWindowIsRefused() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            _ = try fixture.queue.submit(QueueFixture.definition(), accounts: ["a@example.com"])
            let error = #expect(throws: JobQueueError.self) {
                _ = try fixture.queue.submit(QueueFixture.definition(target: "file:///elsewhere"), accounts: ["b@example.com"])
            }
            #expect(error?.code == .batchConflict)
            #expect(error?.message.contains("file:///elsewhere") == true)
            var windowed = QueueFixture.definition()
            windowed.windowFrom = Date(timeIntervalSince1970: 1_700_000_000)
            #expect(throws: JobQueueError.self) { _ = try fixture.queue.submit(windowed, accounts: ["b@example.com"]) }
            #expect(try fixture.states()["pending"] == 1)
        }
    }

    @Test func windowIsStoredAndReadBack() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            var definition = QueueFixture.definition()
            definition.windowFrom = Date(timeIntervalSince1970: 1_735_689_600)
            definition.windowTo = Date(timeIntervalSince1970: 1_751_328_000)
            _ = try fixture.queue.submit(definition, accounts: ["a@example.com"])
            let batch = try #require(try fixture.queue.batch(named: "b1"))
            #expect(batch.definition == definition)
        }
    }

    /// The window is exact from submit to read back: microsecond bounds come back equal, a
    /// resubmit of the same window is the same batch, and one microsecond off is another window.
    @Test func microsecondWindowRoundTripsExactly() throws {
        try TestDatabase.with { url in
            let fixture = try QueueFixture(url: url)
            var definition = QueueFixture.definition()
            definition.windowFrom = Date(microsecondsSince1970: 1_774_749_599_999_999)  // 2026-03-29T01:59:59.999999Z
            definition.windowTo = Date(timeIntervalSince1970: 1_774_836_000.000001)  // 2026-03-30T02:00:00.000001Z
            let first = try fixture.queue.submit(definition, accounts: ["a@example.com"])
            #expect(first.batchCreated)
            let batch = try #require(try fixture.queue.batch(named: "b1"))
            #expect(batch.definition.windowFrom?.microsecondsSince1970 == 1_774_749_599_999_999)
            #expect(batch.definition.windowTo?.microsecondsSince1970 == 1_774_836_000_000_001)
            #expect(batch.definition == BatchDefinition(
                name: definition.name, source: definition.source, target: definition.target,
                windowFrom: definition.windowFrom, windowTo: definition.windowTo, mode: definition.mode,
                maxAttempts: definition.maxAttempts))
            let again = try fixture.queue.submit(definition, accounts: ["a@example.com", "b@example.com"])
            #expect(!again.batchCreated)
            #expect(again.accountsAdded == 1)
            var shifted = definition
            shifted.windowTo = Date(microsecondsSince1970: 1_774_836_000_000_002)
            let error = #expect(throws: JobQueueError.self) { _ = try fixture.queue.submit(shifted, accounts: ["c@example.com"]) }
            #expect(error?.code == .batchConflict)
        }
    }
}
