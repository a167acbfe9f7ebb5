import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into BlueMind through its REST API, authenticated with `X-BM-ApiKey`: resolves the
/// account's user uid (`GET /api/users/{domain}/byLogin/{login}`), then imports the ICS into
/// its default calendar `calendar:Default:{uid}` (`PUT /api/calendars/vevent/{container}`,
/// which matches UIDs and sends no notifications) and polls the task
/// (`GET /api/tasks/{id}`) until it ends. BlueMind's ICS import reads only VEVENT and skips a
/// stored event unless the file's LAST-MODIFIED is newer than the time it stored it, leaving it
/// out of the task's `uids`: such events count as skipped, the others left out as refused.
/// VTODOs go to the user's default todo list (`PUT /api/todolists/vtodos/todolist:default_{uid}`),
/// VJOURNALs are reported as not supported. `replace` resets the calendar first
/// (`POST /api/calendars/{container}/_reset`); `skip-existing` leaves out the UIDs the calendar
/// or todo list already exports. A 500 is retried only when its `errorCode` says the fault can
/// pass (``BlueMindFault``). Cancellation is asked once the user is resolved, before anything is
/// written (reset or import); a submitted import task runs to its end.
public struct BlueMindTarget: CalendarTarget {
    /// `http(s)://HOST[:PORT]`.
    public let baseURL: String
    let apiKey: String
    let sender: RequestSender
    /// How long one import task may run. Default 300 s.
    var taskTimeout = 300.0

    public init(baseURL: String, apiKey: String, sender: RequestSender) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.sender = sender
    }

    public func importCalendar(
        _ calendar: SpooledCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck,
        progress: ImportProgress, logger: Logger
    ) throws -> TargetImportResult {
        let user = try userUID(account)
        if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
        let parts = Self.split(calendar)
        let events = try importEvents(calendar, items: parts.events, container: Self.defaultCalendar(ofUser: user), account: account, mode: mode)
        progress.pushed(events)
        let todos = try importTodos(calendar, items: parts.todos, container: Self.defaultTodoList(ofUser: user), account: account, mode: mode)
        progress.pushed(todos)
        return Self.sum([try Self.unsupported(calendar, items: parts.journals), events, todos])
    }

    /// Imports the VEVENT items into calendar `container`: `replace` resets it first,
    /// `skip-existing` leaves out the UIDs it already exports; what the task's `uids` leaves out
    /// is told apart by ``eventsResult(_:items:written:stored:)``.
    private func importEvents(_ calendar: SpooledCalendar, items: [Int], container: String, account: String, mode: ImportMode) throws -> TargetImportResult {
        if items.isEmpty && mode != .replace { return TargetImportResult() }
        let containerPath = "\(baseURL)/api/calendars/\(ZimbraTarget.encode(container))"
        let veventURL = "\(baseURL)/api/calendars/vevent/\(ZimbraTarget.encode(container))"
        var items = items
        var skipped = 0
        switch mode {
        case .replace:
            _ = try awaitTask(try call("POST", containerPath + "/_reset", account: account, action: "calendar reset"), account: account)
        case .skipExisting:
            (items, skipped) = try Self.leavingOut(try storedVersions(veventURL, account: account, action: "calendar export"), from: items, of: calendar)
        case .merge:
            break
        }
        if items.isEmpty { return TargetImportResult(skipped: skipped) }
        let task = try call("PUT", veventURL, upload: try calendar.upload(of: items), account: account, action: "ICS import")
        let written = Set((try awaitTask(task, account: account)["uids"] as? [String]) ?? [])
        // Only when the task left some out: read what the calendar holds to tell unchanged from refused.
        let stored = try items.allSatisfy { written.contains(try calendar.item(at: $0).uid) } ? [:]
            : try storedVersions(veventURL, account: account, action: "calendar export")
        var result = try Self.eventsResult(calendar, items: items, written: written, stored: stored)
        result.skipped += skipped
        return result
    }

    /// The container of user `uid`'s default todo list (BlueMind's `ITodoUids.defaultUserTodoList`).
    static func defaultTodoList(ofUser uid: String) -> String {
        "todolist:default_" + uid
    }

    /// The container of user `uid`'s default calendar, the one imports write to.
    static func defaultCalendar(ofUser uid: String) -> String {
        "calendar:Default:" + uid
    }

    /// The uid of `account`'s user (`GET /api/users/{domain}/byLogin/{login}`); `.accountNotFound`
    /// when there is none.
    func userUID(_ account: String) throws -> String {
        let parts = account.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, message: "\(account): not a login@domain account name")
        }
        let response = try call("GET", "\(baseURL)/api/users/\(ZimbraTarget.encode(parts[1]))/byLogin/\(ZimbraTarget.encode(parts[0]))",
                                account: account, action: "user lookup", acceptNotFound: true)
        guard let uid = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["uid"] as? String else {
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, httpStatus: response.status,
                                      message: "\(account): no such BlueMind user")
        }
        return uid
    }

    /// Polls the task answered by `response` until it ends; returns its result document.
    func awaitTask(_ response: HTTPResponse, account: String) throws -> [String: Any] {
        guard let id = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["id"].map({ "\($0)" }) else {
            throw CalendarTargetError(code: .serverError, isTransient: true, httpStatus: response.status, message: "\(account): BlueMind answered no task")
        }
        let deadline = Date().addingTimeInterval(taskTimeout)
        var pause = 0.05
        while Date() < deadline {
            let status = try call("GET", "\(baseURL)/api/tasks/\(ZimbraTarget.encode(id))", account: account, action: "task status")
            let task = (try? JSONSerialization.jsonObject(with: status.body) as? [String: Any]) ?? [:]
            switch task["state"] as? String {
            case "Success":
                let text = task["result"] as? String ?? "{}"
                return (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
            case "InError":
                throw CalendarTargetError(code: .refused, isTransient: false,
                                          message: "\(account): BlueMind's import task failed: \(task["lastLogEntry"] as? String ?? "no reason given")")
            default:
                Thread.sleep(forTimeInterval: pause)
                pause = min(1, pause * 2)
            }
        }
        throw CalendarTargetError(code: .serverError, isTransient: true, message: "\(account): BlueMind's import task did not end within \(Int(taskTimeout)) s")
    }

    /// Sends a request with the API key; throws ``CalendarTargetError`` for any answer but a
    /// success (or 404 when `acceptNotFound`).
    func call(_ method: String, _ url: String, upload: HTTPUpload? = nil, contentType: String = "text/calendar; charset=utf-8",
              account: String, action: String, acceptNotFound: Bool = false) throws -> HTTPResponse {
        var headers = [("X-BM-ApiKey", apiKey), ("Accept", "application/json")]
        if upload != nil { headers.append(("Content-Type", contentType)) }
        var request = HTTPRequest(method: method, url: url, headers: headers, timeout: 600)
        request.body = upload
        let response = try sender.send(request, account: account,
                                       action: action, isTransient: BlueMindFault.isTransient)
        if response.isSuccess || (acceptNotFound && response.status == 404) { return response }
        throw BlueMindFault.error(response, account: account, action: action)
    }
}
