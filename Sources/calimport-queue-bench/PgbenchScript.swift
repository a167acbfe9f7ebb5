import Foundation
import JobQueue

/// A pgbench script that runs calimport's own claim-loop statement, one job per transaction:
/// each transaction records the job the previous one claimed (its `id` and `lease_id`, kept by
/// `\gset`) and claims the next, as a one-slot worker does. pgbench must start each client with
/// `-D id=0 -D lease_id=00000000-0000-0000-0000-000000000000` (a first record that matches nothing).
enum PgbenchScript {
    static func recordAndClaim() throws -> String {
        let template = ClaimedJob(id: 999_999_999, batchID: 0, account: "", leaseID: "00000000-0000-0000-0000-00000000beef", attempt: 1, claimedAt: Date())
        let payload = try JobQueue.outcomesJSON([JobOutcome(job: template, result: .succeeded, counters: JobCounters())])
            .replacingOccurrences(of: ":999999999", with: ": :id")
            .replacingOccurrences(of: "00000000-0000-0000-0000-00000000beef", with: ":lease_id")
        let statement = JobQueue.recordAndClaimStatement
            .replacingOccurrences(of: "$1::jsonb", with: "'\(payload)'::jsonb")
            .replacingOccurrences(of: "$2", with: "'pgbench'")
            .replacingOccurrences(of: "$3::int", with: "1")
            .replacingOccurrences(of: "$4::float8", with: "60")
        return oneLine(statement) + "\n\\gset\n"
    }

    /// pgbench reads one SQL command per line unless it ends with `;`: join the lines.
    private static func oneLine(_ sql: String) -> String {
        sql.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
