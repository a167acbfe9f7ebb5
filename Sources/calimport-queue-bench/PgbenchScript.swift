import Foundation
import JobQueue

/// A pgbench script that runs calimport's own claim and record statements, one job per
/// transaction: claim one (`\gset` takes its id and lease), then record its success.
enum PgbenchScript {
    static func claimAndRecord() throws -> String {
        let claim = JobQueue.claimStatement
            .replacingOccurrences(of: "$1::int", with: "1")
            .replacingOccurrences(of: "$2::float8", with: "60")
            .replacingOccurrences(of: "$3", with: "'pgbench'")
        let template = ClaimedJob(id: 999_999_999, batchID: 0, account: "", leaseID: "00000000-0000-0000-0000-00000000beef", attempt: 1, claimedAt: Date())
        let payload = try JobQueue.outcomesJSON([JobOutcome(job: template, result: .succeeded, counters: JobCounters())])
            .replacingOccurrences(of: ":999999999", with: ": :id")
            .replacingOccurrences(of: "00000000-0000-0000-0000-00000000beef", with: ":lease_id")
        let record = JobQueue.recordStatement
            .replacingOccurrences(of: "$1::jsonb", with: "'\(payload)'::jsonb")
            .replacingOccurrences(of: "$2", with: "'pgbench'")
        return oneLine(claim) + "\n\\gset\n" + oneLine(record) + ";\n"
    }

    /// pgbench reads one SQL command per line unless it ends with `;`: join the lines.
    private static func oneLine(_ sql: String) -> String {
        sql.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
