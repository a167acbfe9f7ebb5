import Foundation
import ICalendar

/// `submit --dry-run`: everything a submit would do, without enqueuing — the accounts found,
/// missing and refused, and per file what the window keeps, with totals.
public struct DryRunReport: Sendable, Equatable, Codable {
    /// A missing account: its file does not exist.
    public struct Missing: Sendable, Equatable, Codable {
        public var account: String
        public var file: String
    }

    /// A refused name.
    public struct Refused: Sendable, Equatable, Codable {
        public var name: String
        public var reason: String
    }

    /// Sums over the analysed files.
    public struct Totals: Sendable, Equatable, Codable {
        public var accounts = 0, found = 0, missing = 0, refused = 0, unreadable = 0
        public var bytes = 0, componentsInFile = 0, events = 0, todos = 0, journals = 0
        public var series = 0, overrides = 0, timeZones = 0, derivedUIDs = 0, problems = 0

        enum CodingKeys: String, CodingKey {
            case accounts, found, missing, refused, unreadable, bytes
            case componentsInFile = "components_in_file"
            case events, todos, journals, series, overrides
            case timeZones = "time_zones"
            case derivedUIDs = "derived_uids"
            case problems
        }
    }

    public var files: [FileAnalysis]
    public var missing: [Missing]
    public var refused: [Refused]
    public var totals: Totals

    /// Analyses every found file of `plan` with `window`, in parallel.
    public static func make(plan: AccountPlan, window: DateWindow) -> DryRunReport {
        let analyses = ParallelMap.map(plan.found) { FileAnalysis.analyze($0, window: window) }
        return DryRunReport(
            files: analyses,
            missing: plan.missing.map { Missing(account: $0.account, file: $0.file.path) },
            refused: plan.refused.map { Refused(name: $0.name, reason: $0.reason) },
            totals: totals(analyses, plan: plan))
    }

    private static func totals(_ files: [FileAnalysis], plan: AccountPlan) -> Totals {
        var totals = Totals()
        totals.found = plan.found.count
        totals.missing = plan.missing.count
        totals.refused = plan.refused.count
        totals.accounts = totals.found + totals.missing
        for file in files {
            if file.error != nil { totals.unreadable += 1 }
            totals.bytes += file.bytes
            totals.componentsInFile += file.componentsInFile
            totals.events += file.events
            totals.todos += file.todos
            totals.journals += file.journals
            totals.series += file.series
            totals.overrides += file.overrides
            totals.timeZones += file.timeZones
            totals.derivedUIDs += file.derivedUIDs
            totals.problems += file.problems.count
        }
        return totals
    }
}
