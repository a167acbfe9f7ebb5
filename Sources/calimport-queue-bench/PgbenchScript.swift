import Foundation
import JobQueue

/// A pgbench script that runs calimport's own claim-loop statement, one job per transaction:
/// each transaction records the job the previous one claimed (its `id` and `lease_id`, kept by
/// `\gset`) and claims the next, as a one-slot worker does. pgbench must start each client with
/// `-D id=0 -D lease_id=00000000-0000-0000-0000-000000000000` (a first record that matches
/// nothing) and `-M prepared` (calimport prepares the statement too).
enum PgbenchScript {
    static func recordAndClaim() -> String {
        let template = ClaimedJob(id: 999_999_999, batchID: 0, account: "", leaseID: "00000000-0000-0000-0000-00000000beef", attempt: 1, claimedAt: Date())
        // The outcome as calimport encodes it, its id and lease filled in by format() from the
        // pgbench variables (which -M prepared passes as parameters, as calimport does). A space
        // after each key's colon: pgbench would take `:0` for a variable.
        let payload = JobQueue.outcomesJSON([JobOutcome(job: template, result: .succeeded, counters: JobCounters())])
            .replacingOccurrences(of: "\":", with: "\": ")
            .replacingOccurrences(of: "%", with: "%%")
            .replacingOccurrences(of: "999999999", with: "%1$s")
            .replacingOccurrences(of: "00000000-0000-0000-0000-00000000beef", with: "%2$s")
        let statement = JobQueue.recordAndClaimStatement
            .replacingOccurrences(of: "$1::jsonb", with: "format('\(payload)', :id::text, :lease_id::text)::jsonb")
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
