import Foundation
import ICalendar

/// What the window keeps of one account's file, as `submit --dry-run` shows it.
public struct FileAnalysis: Sendable, Equatable, Codable {
    /// The account.
    public var account: String
    /// The target account (same unless mapped).
    public var targetAccount: String
    /// The file read.
    public var file: String
    /// Its size in bytes.
    public var bytes: Int = 0
    /// Events, todos and journals in the file (each override counts one).
    public var componentsInFile: Int = 0
    /// Kept VEVENTs (overrides included).
    public var events: Int = 0
    /// Kept VTODOs.
    public var todos: Int = 0
    /// Kept VJOURNALs.
    public var journals: Int = 0
    /// Kept recurring masters (RRULE or RDATE).
    public var series: Int = 0
    /// Kept RECURRENCE-ID overrides.
    public var overrides: Int = 0
    /// VTIMEZONEs that travel with the kept items.
    public var timeZones: Int = 0
    /// Kept items whose components had no UID: imported under a derived one (each also a warning).
    public var derivedUIDs: Int = 0
    /// Problems: `line N: reason` (warnings and per-event errors).
    public var problems: [String] = []
    /// Why the whole file cannot be imported, if it cannot.
    public var error: String?

    /// Reads and filters `entry`'s file with `window`. Never throws: an unreadable or
    /// unparseable file is described in ``error``.
    public static func analyze(_ entry: AccountPlan.Entry, window: DateWindow) -> FileAnalysis {
        var analysis = FileAnalysis(account: entry.account, targetAccount: entry.targetAccount, file: entry.file.path)
        guard let data = FileManager.default.contents(atPath: entry.file.path) else {
            analysis.error = "cannot read \(entry.file.path)"
            return analysis
        }
        analysis.bytes = data.count
        guard !data.isEmpty else {
            analysis.error = "\(entry.file.path) is empty"
            return analysis
        }
        do {
            analysis.count(try CalendarFilter(window: window).filter(data))
        } catch {
            analysis.error = "\(entry.file.lastPathComponent): \(error)"
        }
        return analysis
    }

    private mutating func count(_ calendar: FilteredCalendar) {
        componentsInFile = calendar.counts.componentsInFile
        timeZones = calendar.timeZones.count
        derivedUIDs = calendar.counts.derivedUIDs
        for component in calendar.items.flatMap(\.components) {
            switch component.name.uppercased() {
            case "VEVENT": events += 1
            case "VTODO": todos += 1
            case "VJOURNAL": journals += 1
            default: break
            }
            if component.first("RECURRENCE-ID") != nil {
                overrides += 1
            } else if component.first("RRULE") != nil || component.first("RDATE") != nil {
                series += 1
            }
        }
        problems = calendar.problems.map { problem in
            let line = problem.line.map { "line \($0): " } ?? ""
            return "\(problem.severity.rawValue): \(line)\(problem.reason)"
        }
    }

    enum CodingKeys: String, CodingKey {
        case account
        case targetAccount = "target_account"
        case file, bytes
        case componentsInFile = "components_in_file"
        case events, todos, journals, series, overrides
        case timeZones = "time_zones"
        case derivedUIDs = "derived_uids"
        case problems, error
    }
}
