import Foundation
import HTTPTransport
import ICalendar
import JobQueue
import TestSupport
import Testing

/// Real-world files through a real CalDAV server: each file is one account, imported with the
/// whole pipeline (`submit`, two `work` processes) and an open window, then every account is
/// read back over HTTP. Each component calimport kept must be on the server or named in the
/// account's per-event errors (`failures --json`), or its account must have failed with a reason:
/// a silent loss is counted and fails the test.
struct CorpusImportRun {
    /// What was measured.
    struct Tally: CustomStringConvertible {
        var accounts = 0, failedAccounts = 0, kept = 0, onServer = 0, reportedPerEvent = 0, reportedWithAccount = 0
        var silent: [String] = []
        /// How many components each reason (its first 90 characters) was given for.
        var reasons: [String: Int] = [:]

        var description: String {
            "\(accounts) accounts (\(failedAccounts) failed), \(kept) components kept, \(onServer) on the server, "
                + "\(reportedPerEvent + reportedWithAccount) reported (\(reportedPerEvent) per event, "
                + "\(reportedWithAccount) with their failed account), silent = \(silent.count)"
        }
    }

    /// One line of `jobs --json`.
    struct Job: Decodable {
        var account: String
        var state: String
        var eventsKept: Int?
        var lastError: String?

        enum CodingKeys: String, CodingKey {
            case account, state
            case eventsKept = "events_kept"
            case lastError = "last_error"
        }
    }

    let name: String
    let server: String
    let credentials: HTTPRequest.Credentials?
    let files: [URL]

    /// Imports `files` and returns the tally; `#expect`s every count to agree.
    func run(databaseURL: String) throws -> Tally {
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let source = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("calimport-corpus-\(tag)")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: source) }
        var fileByAccount: [String: URL] = [:]
        for (index, file) in files.enumerated() {
            let account = "rw\(tag)-\(index)"
            fileByAccount[account] = file
            try FileManager.default.copyItem(at: file, to: source.appendingPathComponent(account + ".ics"))
        }
        let client = HTTPClient()
        for account in fileByAccount.keys {
            let response = try client.perform(HTTPRequest(method: "MKCOL", url: "\(server)/\(account)/", credentials: credentials))
            #expect([201, 405].contains(response.status), "MKCOL \(account): \(response.status)")
        }
        let cli = CommandRunner(environment: [
            "DATABASE_URL": databaseURL, "CALIMPORT_LOG_LEVEL": "error",
            "CALIMPORT_TARGET_USER": credentials?.user ?? "", "CALIMPORT_TARGET_PASSWORD": credentials?.password ?? "",
        ])
        let batch = "corpus-\(name)-\(tag)"
        let submitted = try cli.run(["submit", "--batch", batch, "--source", source.path, "--target", "caldav+\(server)/{account}/calendar/"])
        #expect(submitted.status == 0, "\(submitted.standardError)")
        let workers = try (0..<2).map { _ in try cli.start(["work", "--until-idle", "--concurrency", "4"]) }
        for worker in workers {
            let output = try worker.wait(timeout: 3_000)
            #expect(output.status == 0, "\(output.standardError.suffix(2000))")
        }
        let jobs = try lines(cli, ["jobs", "--batch", batch, "--json"], as: Job.self)
        let failures = Dictionary(try lines(cli, ["failures", "--batch", batch, "--json"], as: AccountFailure.self).map { ($0.account, $0) }) { a, _ in a }
        #expect(jobs.count == files.count)
        var tally = Tally()
        for job in jobs {
            let file = try #require(fileByAccount[job.account])
            let kept = Self.keptIdentities(file)
            #expect(job.state == "failed" || job.eventsKept == kept.count, "\(file.path): kept \(job.eventsKept ?? -1), expected \(kept.count)")
            let stored = try Set(CollectionReadBack.calendarData("\(server)/\(job.account)/calendar/", client: client, credentials: credentials)
                .flatMap { ComponentScan.identities(in: $0) })
            let failure = failures[job.account]
            tally.accounts += 1
            if job.state == "failed" { tally.failedAccounts += 1 }
            for identity in kept {
                tally.kept += 1
                if stored.contains(identity.text) {
                    tally.onServer += 1
                } else if let error = Self.reportedError(naming: identity, in: failure?.itemErrors ?? []) {
                    #expect(!error.reason.isEmpty)
                    tally.reportedPerEvent += 1
                    tally.reasons[String(error.reason.prefix(90)), default: 0] += 1
                } else if job.state == "failed", let reason = failure?.message ?? job.lastError, !reason.isEmpty {
                    tally.reportedWithAccount += 1
                } else {
                    tally.silent.append("\(file.path): \(identity.text) (\(job.state))")
                }
            }
        }
        print("real-world corpus into \(name): \(tally)")
        for loss in tally.silent.prefix(20) { print("  silent: \(loss)") }
        for (reason, count) in tally.reasons.sorted(by: { $0.value > $1.value }).prefix(12) { print("  \(count) × \(reason)") }
        #expect(tally.kept == tally.onServer + tally.reportedPerEvent + tally.reportedWithAccount + tally.silent.count)
        #expect(tally.silent.isEmpty, "\(tally.silent.count) components neither on \(name) nor reported")
        return tally
    }

    /// A kept component: its UID and, for an override, its RECURRENCE-ID.
    struct Identity {
        var uid: String
        var recurrenceID: String?

        /// As ``ComponentScan`` writes it.
        var text: String { recurrenceID.map { "\(uid)|\($0)" } ?? uid }

        /// Whether `error` names this component (its whole item when the error has no RECURRENCE-ID).
        func isNamed(by error: ItemError) -> Bool {
            error.uid == uid && (error.recurrenceID == nil || error.recurrenceID == recurrenceID)
        }
    }

    /// What calimport's filter keeps of `file` with an open window (none when it cannot be read).
    static func keptIdentities(_ file: URL) -> [Identity] {
        guard let calendar = try? CalendarFilter(window: .unbounded).filter(contentsOf: file) else { return [] }
        return calendar.items.flatMap { item in
            item.components.map { Identity(uid: item.uid, recurrenceID: $0.first("RECURRENCE-ID")?.value) }
        }
    }

    /// The error that names `identity`: the target's own before a note of the file's reading
    /// (`line N: …`, e.g. about a dropped duplicate of the same UID).
    static func reportedError(naming identity: Identity, in errors: [ItemError]) -> ItemError? {
        let naming = errors.filter { identity.isNamed(by: $0) }
        return naming.first { !$0.reason.hasPrefix("line ") } ?? naming.first
    }

    private func lines<T: Decodable>(_ cli: CommandRunner, _ arguments: [String], as type: T.Type) throws -> [T] {
        let output = try cli.run(arguments)
        #expect(output.status == 0, "\(arguments): \(output.standardError)")
        return try output.standardOutput.split(separator: "\n").map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }
}
