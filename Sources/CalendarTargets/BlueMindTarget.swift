import Foundation
import HTTPTransport
import ICalendar
import Logging

/// Imports into BlueMind through its REST API, authenticated with `X-BM-ApiKey`: resolves the
/// account's user uid (`GET /api/users/{domain}/byLogin/{login}`), then imports the ICS into
/// its default calendar `calendar:Default:{uid}` (`PUT /api/calendars/vevent/{container}`,
/// which matches UIDs and sends no notifications) and polls the task
/// (`GET /api/tasks/{id}`) until it ends; UIDs missing from the task's `uids` are reported
/// per event. `replace` resets the calendar first (`POST /api/calendars/{container}/_reset`);
/// `skip-existing` leaves out the UIDs the calendar already exports. Cancellation is asked once
/// the user is resolved, before anything is written (reset or import); a submitted import task
/// runs to its end.
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
        _ calendar: FilteredCalendar, account: String, mode: ImportMode, cancellation: CancellationCheck, logger: Logger
    ) throws -> TargetImportResult {
        let container = Self.defaultCalendar(ofUser: try userUID(account))
        if cancellation.isCancelled { return TargetImportResult(cancelled: true) }
        let containerPath = "\(baseURL)/api/calendars/\(ZimbraTarget.encode(container))"
        var calendar = calendar
        var skipped = 0
        switch mode {
        case .replace:
            _ = try awaitTask(try call("POST", containerPath + "/_reset", account: account, action: "calendar reset"), account: account)
        case .skipExisting:
            let existing = try existingUIDs(container, account: account)
            skipped = calendar.items.filter { existing.contains($0.uid) }.reduce(0) { $0 + $1.components.count }
            calendar.items.removeAll { existing.contains($0.uid) }
        case .merge:
            break
        }
        if calendar.items.isEmpty { return TargetImportResult(skipped: skipped) }
        let task = try call("PUT", "\(baseURL)/api/calendars/vevent/\(ZimbraTarget.encode(container))", body: calendar.serialized(),
                            account: account, action: "ICS import")
        let report = try awaitTask(task, account: account)
        return Self.result(calendar, report: report, skipped: skipped)
    }

    /// Splits the items into imported and refused by the task's `uids`.
    static func result(_ calendar: FilteredCalendar, report: [String: Any], skipped: Int) -> TargetImportResult {
        let written = Set((report["uids"] as? [String]) ?? [])
        var result = TargetImportResult(skipped: skipped)
        for item in calendar.items {
            if written.contains(item.uid) {
                result.imported += item.components.count
            } else {
                result.failed += item.components.count
                result.itemErrors.append(TargetItemError(uid: item.uid, recurrenceID: nil, reason: "BlueMind's import task did not import it"))
            }
        }
        return result
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

    private func existingUIDs(_ container: String, account: String) throws -> Set<String> {
        let response = try call("GET", "\(baseURL)/api/calendars/vevent/\(ZimbraTarget.encode(container))", account: account, action: "calendar export")
        guard let document = try? CalendarDocument.parse(response.body) else { return [] }
        return Set(document.calendars.flatMap(\.components).compactMap { $0.first("UID")?.value })
    }

    /// Polls the task answered by `response` until it ends; returns its result document.
    private func awaitTask(_ response: HTTPResponse, account: String) throws -> [String: Any] {
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
    func call(_ method: String, _ url: String, body: Data? = nil, account: String, action: String, acceptNotFound: Bool = false) throws -> HTTPResponse {
        var headers = [("X-BM-ApiKey", apiKey), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "text/calendar; charset=utf-8")) }
        let response = try sender.send(HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: 600), account: account, action: action)
        if response.isSuccess || (acceptNotFound && response.status == 404) { return response }
        throw CalendarTargetError.fromResponse(response, account: account, action: action)
    }
}
