import Foundation
import ICalendar

/// BlueMind's ICS imports and exports as its code does them (mdhender/bluemindfork @5d708160d,
/// paths under `parent/`).
struct BlueMindImport {
    let store: SandboxStore
    let tasks: TaskRegistry

    /// `PUT /api/calendars/vevent/{container}` (calendar/…/VEventService.java:93-118): a task that
    /// runs ICSImportTask in IMPORT mode.
    func importEvents(_ body: Data, account: String) -> SandboxResponse {
        if let fault = Self.injectedFault(body) { return fault }
        // The task parses in the background; an unreadable stream fails the task
        // (VEventServiceHelper.parseCalendar throws a ServerFault, VEventServiceHelper.java:233-235).
        guard let payload = ICSPayload(body) else { return .json(200, ["id": tasks.add(failure: "not an iCalendar stream")]) }
        var added: [String] = [], updated: [String] = [], unhandled: [String] = []
        store.withCalendar(account) { calendar in
            calendar.collectionExists = true
            for item in payload.items {
                // Only VEVENT is read: VTODO and VJOURNAL are skipped without a trace
                // (calendar/net.bluemind.calendar.helper/…/VEventServiceHelper.java:286-292).
                guard var series = Self.only("VEVENT", of: item) else { continue }
                // A VEVENT without UID gets a random one (VEventServiceHelper.java:291-292).
                if series.uid.isEmpty { series = Self.renamed(series, to: UUID().uuidString) }
                // A refused series ends in ContainerUpdatesResult.errors, counted as unhandled
                // (calendar/…/service/internal/ICSImportTask.java:182-185).
                if series.components.contains(where: { $0.first("X-CALIMPORT-SANDBOX-REFUSE") != nil }) {
                    unhandled.append(series.uid)
                    continue
                }
                let old = calendar.item(uid: series.uid)
                if let old, !Self.replaces(series, old) {
                    unhandled.append(series.uid)
                    continue
                }
                _ = calendar.store(series, name: old?.resourceName ?? SandboxStore.resourceName(series.uid))
                if old == nil { added.append(series.uid) } else { updated.append(series.uid) }
            }
        }
        // ImportStats: uids = added + updated, total = added + updated + unhandled
        // (ICSImportTask.java:83-89; ContainerUpdatesResult.total()). The task's first end()
        // is its result (core/net.bluemind.core.task.service/…/internal/TaskMonitor.java:57-61).
        return .json(200, ["id": tasks.add(result: Self.stats(uids: added + updated, total: added.count + updated.count + unhandled.count))])
    }

    /// Whether an import replaces the stored series (ICSImportTask.java:171-181): when the file's
    /// series has no LAST-MODIFIED, when its master's EXDATE count differs (BM-16128), or when its
    /// LAST-MODIFIED is after the stored item's `updated` — which is the time BlueMind wrote it
    /// (core/net.bluemind.core.container.persistence/…/ItemStore.java:142-144 and 192), not the
    /// file's LAST-MODIFIED. The series' LAST-MODIFIED is its first component's that has one
    /// (VEventServiceHelper.java:370-371 and 454-455).
    static func replaces(_ series: ICSPayload.Item, _ old: StoredItem) -> Bool {
        guard let modified = series.components.lazy.compactMap({ $0.first("LAST-MODIFIED").flatMap { utc($0.value) } }).first else { return true }
        let stored = (try? CalendarDocument.parse(old.data))?.calendars.flatMap(\.components) ?? []
        if exdateCount(series.components) != exdateCount(stored) { return true }
        return modified > old.written
    }

    /// `PUT /api/todolists/vtodos/{container}` (todolist/…/internal/VTodoService.java:115-116):
    /// a task running VTodoImportTask, which adds new UIDs and updates existing ones whatever
    /// their LAST-MODIFIED (VTodoImportTask.java:76-103). The body is a `String` parameter:
    /// raw only with `Content-Type: text/plain`, else read as a JSON string
    /// (core/net.bluemind.core.rest/…/codec/DefaultBodyParameterCodecs.java:120-130 and 205-214).
    func importTodos(_ request: SandboxRequest, container: String) -> SandboxResponse {
        if let fault = Self.injectedFault(request.body) { return fault }
        var body = request.body
        if request.header("content-type") != "text/plain" {
            guard let text = try? JSONDecoder().decode(String.self, from: body) else {
                return BlueMindHandler.fault(500, "UNKNOWN", "cannot decode the body as a JSON string")
            }
            body = Data(text.utf8)
        }
        guard let payload = ICSPayload(body) else { return .json(200, ["id": tasks.add(failure: "not an iCalendar stream")]) }
        var uids: [String] = [], total = 0
        store.withCalendar(container) { list in
            for item in payload.items {
                guard var todos = Self.only("VTODO", of: item) else { continue }
                if todos.uid.isEmpty { todos = Self.renamed(todos, to: UUID().uuidString) }
                total += todos.components.count
                _ = list.store(todos, name: list.item(uid: todos.uid)?.resourceName ?? SandboxStore.resourceName(todos.uid))
                uids.append(todos.uid)
            }
        }
        return .json(200, ["id": tasks.add(result: Self.stats(uids: uids, total: total))])
    }

    /// The ICS export of `key` (a calendar or a todo list): each component carries the item's
    /// `updated` as LAST-MODIFIED (calendar/…/ical4j/VEventServiceHelper.java:148-151).
    static func export(_ store: SandboxStore, key: String) -> String {
        let items = store.withCalendar(key) { calendar in calendar.items.values.sorted { $0.uid < $1.uid } }
        var lines = ["BEGIN:VCALENDAR", "PRODID:-//BlueMind//BlueMind Calendar//FR", "VERSION:2.0", "CALSCALE:GREGORIAN"]
        for item in items {
            let components = (try? CalendarDocument.parse(item.data))?.calendars.flatMap(\.components) ?? []
            for component in components where component.name != "VTIMEZONE" {
                lines.append("BEGIN:\(component.name)")
                lines += component.properties.filter { $0.name != "LAST-MODIFIED" }.map(SandboxText.line)
                lines += ["LAST-MODIFIED:\(utcText(item.written))", "END:\(component.name)"]
            }
        }
        return (lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    /// A test hook standing for a ServerFault the service throws: a body holding
    /// `X-CALIMPORT-SANDBOX-FAULT:{ErrorCode}` is answered as BlueMind answers that fault
    /// (403 PERMISSION_DENIED, 404 NOT_FOUND, 500 for every other code:
    /// core/net.bluemind.core.rest/…/codec/JsonObjectCodec.java:125-137).
    static func injectedFault(_ body: Data) -> SandboxResponse? {
        let marker = "X-CALIMPORT-SANDBOX-FAULT:"
        let text = String(decoding: body, as: UTF8.self)
        guard let range = text.range(of: marker) else { return nil }
        let code = text[range.upperBound...].prefix { $0.isLetter || $0 == "_" }
        let status = code == "PERMISSION_DENIED" ? 403 : code == "NOT_FOUND" ? 404 : 500
        return BlueMindHandler.fault(status, String(code), "injected fault \(code)")
    }

    /// `item` reduced to its components named `name`; nil when none is.
    static func only(_ name: String, of item: ICSPayload.Item) -> ICSPayload.Item? {
        let kept = zip(item.components, item.events).filter { $0.0.name == name }
        guard !kept.isEmpty else { return nil }
        var result = item
        result.components = kept.map(\.0)
        result.events = kept.map(\.1)
        return result
    }

    static func renamed(_ item: ICSPayload.Item, to uid: String) -> ICSPayload.Item {
        var result = item
        result.uid = uid
        result.events = item.events.map { var event = $0; event.uid = uid; return event }
        return result
    }

    /// The EXDATE values of the master (the component without RECURRENCE-ID).
    static func exdateCount(_ components: [Component]) -> Int {
        guard let master = components.first(where: { $0.first("RECURRENCE-ID") == nil }) else { return 0 }
        return master.all("EXDATE").reduce(0) { $0 + $1.value.split(separator: ",").count }
    }

    static func stats(uids: [String], total: Int) -> String {
        let stats: [String: AnyEncodable] = ["uids": AnyEncodable(uids), "total": AnyEncodable(total)]
        return String(decoding: (try? JSONEncoder().encode(stats)) ?? Data(), as: UTF8.self)
    }

    /// A `yyyyMMdd'T'HHmmss'Z'` value (a value without `Z` is read as UTC too).
    static func utc(_ text: String) -> Date? {
        SandboxText.utcFormatter(text.hasSuffix("Z") ? "yyyyMMdd'T'HHmmss'Z'" : "yyyyMMdd'T'HHmmss").date(from: text)
    }

    static func utcText(_ date: Date) -> String {
        SandboxText.utcFormatter("yyyyMMdd'T'HHmmss'Z'").string(from: date)
    }
}
