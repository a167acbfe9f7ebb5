import Foundation
import HTTPTransport
import ICalendar

/// What BlueMind's tasks did with each item, and the VTODO and VJOURNAL items its calendar import
/// does not read (mdhender/bluemindfork, paths under `parent/`).
extension BlueMindTarget {
    /// The stored version of one item as BlueMind's export shows it.
    struct StoredVersion: Equatable {
        /// LAST-MODIFIED: the time BlueMind wrote the item (VEventServiceHelper.java:148-151), UTC text.
        var lastModified: String?
        /// How many EXDATE values its master has.
        var exdates: Int
    }

    /// The items split by kind: VEVENT (the calendar import), VTODO (the todo list import) and
    /// VJOURNAL (no import: BlueMind's ICS import reads only VEVENT, VEventServiceHelper.java:286-292).
    /// The indices of each kind's items (their kind is held per item, nothing is read back).
    static func split(_ calendar: SpooledCalendar) -> (events: [Int], todos: [Int], journals: [Int]) {
        var parts: (events: [Int], todos: [Int], journals: [Int]) = ([], [], [])
        for (index, entry) in calendar.entries.enumerated() {
            switch entry.kind {
            case .event: parts.events.append(index)
            case .todo: parts.todos.append(index)
            case .journal, .other: parts.journals.append(index)
            }
        }
        return parts
    }

    /// Each item BlueMind cannot import, reported once.
    static func unsupported(_ calendar: SpooledCalendar, items indices: [Int]) throws -> TargetImportResult {
        var result = TargetImportResult()
        for index in indices {
            let item = try calendar.item(at: index)
            result.failed += item.components.count
            let kind = item.components.first?.name ?? "component"
            result.itemErrors.append(ItemError(uid: item.uid, recurrenceID: nil,
                                                     reason: "\(kind) is not supported by this target (BlueMind imports VEVENT into calendars and VTODO into todo lists)"))
        }
        return result
    }

    /// Splits the VEVENT items by the task's `uids` (added and updated, ICSImportTask.java:83-89).
    /// One left out that the calendar holds counts as skipped when BlueMind skips it by design: the
    /// file gives a LAST-MODIFIED not after the time BlueMind stored its copy and the same number
    /// of EXDATEs (ICSImportTask.java:171-181). Any other left out was refused.
    static func eventsResult(_ calendar: SpooledCalendar, items indices: [Int], written: Set<String>,
                             stored: [String: StoredVersion]) throws -> TargetImportResult {
        var result = TargetImportResult()
        for index in indices {
            let item = try calendar.item(at: index)
            let count = item.components.count
            if written.contains(item.uid) {
                result.imported += count
            } else if let copy = stored[item.uid], let file = lastModified(item.components), let kept = copy.lastModified,
                      file <= kept, exdates(item.components) == copy.exdates {
                result.skipped += count
            } else {
                result.failed += count
                let reason = stored[item.uid] == nil ? "BlueMind's import task did not import it"
                    : "BlueMind's import task did not update it (its copy stays as it was)"
                result.itemErrors.append(ItemError(uid: item.uid, recurrenceID: nil, reason: reason))
            }
        }
        return result
    }

    /// Imports the VTODO items into todo list `container` (`PUT /api/todolists/vtodos/{container}`,
    /// todolist/…/IVTodo.java:36,70-71): a `String` body, raw only as `text/plain`
    /// (DefaultBodyParameterCodecs.java:205-214). The task adds or updates every todo whatever its
    /// LAST-MODIFIED (VTodoImportTask.java:76-103), so one left out of `uids` was refused.
    /// `skip-existing` leaves out the UIDs the list exports; `replace` only adds and updates there.
    func importTodos(_ calendar: SpooledCalendar, items: [Int], container: String, account: String, mode: ImportMode) throws -> TargetImportResult {
        guard !items.isEmpty else { return TargetImportResult() }
        let url = "\(baseURL)/api/todolists/vtodos/\(ZimbraTarget.encode(container))"
        var items = items
        var skipped = 0
        if mode == .skipExisting {
            (items, skipped) = try Self.leavingOut(try storedVersions(url, account: account, action: "todo list export"), from: items, of: calendar)
            if items.isEmpty { return TargetImportResult(skipped: skipped) }
        }
        let task = try call("PUT", url, upload: try calendar.upload(of: items), contentType: "text/plain", account: account, action: "VTODO import")
        let written = Set((try awaitTask(task, account: account)["uids"] as? [String]) ?? [])
        var result = try Self.eventsResult(calendar, items: items, written: written, stored: [:])
        result.skipped += skipped
        return result
    }

    /// `indices` without the items whose UID `existing` holds, and their component count.
    static func leavingOut(_ existing: [String: StoredVersion], from indices: [Int], of calendar: SpooledCalendar) throws -> ([Int], Int) {
        var skipped = 0
        let kept = try indices.filter { index in
            let item = try calendar.item(at: index)
            if existing[item.uid] != nil { skipped += item.components.count }
            return existing[item.uid] == nil
        }
        return (kept, skipped)
    }

    /// UID → stored version of what `url` (a calendar or todo list export) holds.
    func storedVersions(_ url: String, account: String, action: String) throws -> [String: StoredVersion] {
        let response = try call("GET", url, account: account, action: action)
        guard let document = try? CalendarDocument.parse(response.body) else { return [:] }
        let components = document.calendars.flatMap(\.components).filter { ["VEVENT", "VTODO", "VJOURNAL"].contains($0.name) }
        let byUID = Dictionary(grouping: components) { $0.first("UID")?.value ?? "" }
        return byUID.mapValues { StoredVersion(lastModified: Self.lastModified($0), exdates: Self.exdates($0)) }
    }

    /// The series' LAST-MODIFIED as BlueMind reads it: the first component's that has one
    /// (VEventServiceHelper.java:454-455), as UTC text; nil when none has a UTC one.
    static func lastModified(_ components: [Component]) -> String? {
        guard let value = components.lazy.compactMap({ $0.first("LAST-MODIFIED")?.value }).first,
              value.hasSuffix("Z"), value.count == 16 else { return nil }
        return value
    }

    /// EXDATE values of the master (ICSImportTask.java:189-198 compares their counts).
    static func exdates(_ components: [Component]) -> Int {
        guard let master = components.first(where: { $0.first("RECURRENCE-ID") == nil }) else { return 0 }
        return master.all("EXDATE").reduce(0) { $0 + $1.value.split(separator: ",").count }
    }

    /// The sum of several results.
    static func sum(_ results: [TargetImportResult]) -> TargetImportResult {
        results.reduce(into: TargetImportResult()) { total, part in
            total.imported += part.imported
            total.skipped += part.skipped
            total.failed += part.failed
            total.itemErrors += part.itemErrors
            total.cancelled = total.cancelled || part.cancelled
        }
    }
}
