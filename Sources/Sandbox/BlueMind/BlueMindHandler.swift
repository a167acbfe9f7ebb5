import Foundation

/// BlueMind's REST API with `X-BM-ApiKey`, as the BlueMind code behaves (mdhender/bluemindfork
/// @5d708160d, a mirror of BlueMind's source; paths below are under `parent/`):
/// `GET /api/auth` (the key's user), `GET /api/users/{domain}/byLogin/{login}` (the user's uid),
/// `GET /api/containers/_manage/{container}` (a container's descriptor),
/// `PUT /api/calendars/vevent/{container}` (ICS import, answered with a task),
/// `GET /api/calendars/vevent/{container}` (ICS export), `POST /api/calendars/{container}/_reset`
/// (empties the calendar, as a task), `PUT`/`GET /api/todolists/vtodos/{container}` (VTODO
/// import and export) and `GET /api/tasks/{id}` (state `InProgress`, then `Success` with the
/// import's `uids`/`total`). The default calendar of user `U` is `calendar:Default:U`, its
/// default todo list `todolist:default_U`; user uids here are the account. The todo lists are
/// kept under their container uid in the store.
struct BlueMindHandler {
    let store: SandboxStore
    let configuration: SandboxConfiguration
    let tasks: TaskRegistry

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        guard let key = configuration.apiKey, request.header("x-bm-apikey") == key else {
            // core/net.bluemind.core.rest/…/base/RestServiceMethodHandler.java:147-151 and
            // base/RestResponse.java:43-44: an unknown key is 401 with AUTHENTICATION_FAIL.
            return Self.fault(401, "AUTHENTICATION_FAIL", "session id is not valid")
        }
        let segments = request.path.split(separator: "/").map(String.init)
        switch (request.method, segments.count > 1 ? segments[1] : "") {
        case ("GET", "auth") where segments.count == 2:
            return .json(200, CurrentUser(uid: configuration.user, domainUid: "global.virt", displayName: configuration.user,
                                          value: .init(login: configuration.user)))
        case ("GET", "containers") where segments.count == 4 && segments[2] == "_manage":
            // core/net.bluemind.core.container.service/…/CommonContainerManagementFactory.java:55-56:
            // a missing container is NOT_FOUND, hence 404.
            guard let account = Self.account(ofContainer: segments[3]), store.exists(account) else {
                return Self.fault(404, "NOT_FOUND", "container \(segments[3]) not found")
            }
            return .json(200, ContainerDescriptor(uid: segments[3], name: account, owner: account, type: "calendar",
                                                  domainUid: String(account.split(separator: "@").last ?? ""), defaultContainer: true))
        case ("GET", "users") where segments.count == 5 && segments[3] == "byLogin":
            // user/net.bluemind.user.service/…/internal/UserService.java:362-369: needs the
            // manager or manage-user role (the sandbox's key has it, a user key would get 403
            // PERMISSION_DENIED) and drops the login's domain part (the path's domain counts).
            let account = String(segments[4].split(separator: "@").first ?? "") + "@" + segments[2]
            // user/…/IUser.java:112-113 answers null for an unknown login, and a null answer is
            // 204 without body (core/net.bluemind.core.rest/…/codec/JsonObjectCodec.java:80-81).
            guard store.exists(account) else { return SandboxResponse(status: 204) }
            return .json(200, ["uid": account, "displayName": account])
        case ("GET", "calendars") where segments.count == 4 && segments[2] == "vevent":
            guard let account = Self.account(ofContainer: segments[3]), store.exists(account) else { return Self.missingVEventContainer(segments[3]) }
            return .text(200, BlueMindImport.export(store, key: account), contentType: "text/calendar; charset=utf-8")
        case ("PUT", "calendars") where segments.count == 4 && segments[2] == "vevent":
            guard let account = Self.account(ofContainer: segments[3]), store.exists(account) else { return Self.missingVEventContainer(segments[3]) }
            return BlueMindImport(store: store, tasks: tasks).importEvents(request.body, account: account)
        case ("POST", "calendars") where segments.count == 4 && segments[3] == "_reset":
            // calendar/net.bluemind.calendar.service/…/CalendarServiceBaseFactory.java:57-58: a
            // missing calendar container is NOT_FOUND (404). CalendarService.java:651-652: reset
            // needs the Manage right (the sandbox's key has every right).
            guard let account = Self.account(ofContainer: segments[2]), store.exists(account) else {
                return Self.fault(404, "NOT_FOUND", "container \(segments[2]) not found")
            }
            store.withCalendar(account) { $0.removeAll() }
            return .json(200, ["id": tasks.add(result: "{}")])
        case (_, "todolists") where segments.count == 4 && segments[2] == "vtodos":
            // todolist/net.bluemind.todolist.service/…/VTodoServiceFactory.java:43 opens the
            // ITodoList, whose factory throws NOT_FOUND for a missing container (TodoListServiceFactory.java:59).
            guard let account = Self.account(ofTodoList: segments[3]), store.exists(account) else {
                return Self.fault(404, "NOT_FOUND", "container \(segments[3]) not found")
            }
            if request.method == "GET" { return .text(200, BlueMindImport.export(store, key: segments[3]), contentType: "text/calendar; charset=utf-8") }
            guard request.method == "PUT" else { return Self.fault(404, "NOT_FOUND", request.path) }
            return BlueMindImport(store: store, tasks: tasks).importTodos(request, container: segments[3])
        case ("GET", "tasks") where segments.count >= 3:
            guard let status = tasks.poll(segments[2]) else { return Self.fault(404, "NOT_FOUND", "task \(segments[2]) not found") }
            return .json(200, status)
        default:
            return Self.fault(404, "NOT_FOUND", "\(request.path) not found")
        }
    }

    /// calendar/net.bluemind.calendar.service/…/VEventServiceFactory.java:47-48 throws `new ServerFault("container … not found")`,
    /// whose code is UNKNOWN (core.commons/…/fault/ServerFault.java:45-46), which
    /// JsonObjectCodec.replyFault answers with 500 (codec/JsonObjectCodec.java:125-137).
    static func missingVEventContainer(_ container: String) -> SandboxResponse {
        fault(500, "UNKNOWN", "container \(container) not found")
    }

    /// `calendar:Default:{uid}` → uid.
    static func account(ofContainer container: String) -> String? {
        let prefix = "calendar:Default:"
        return container.hasPrefix(prefix) ? String(container.dropFirst(prefix.count)) : nil
    }

    /// `todolist:default_{uid}` → uid (todolist/net.bluemind.todolist.api/…/ITodoUids.java:68-69).
    static func account(ofTodoList container: String) -> String? {
        let prefix = "todolist:default_"
        return container.hasPrefix(prefix) ? String(container.dropFirst(prefix.count)) : nil
    }

    /// A fault body as BlueMind builds it: `errorCode`, `errorType`, `message`
    /// (core/net.bluemind.core.rest/…/codec/JsonObjectCodec.java:140-155); only PERMISSION_DENIED
    /// (403) and NOT_FOUND (404) have their own status, every other ServerFault is 500 (:125-137).
    static func fault(_ status: Int, _ code: String, _ message: String) -> SandboxResponse {
        .json(status, ["errorCode": code, "errorType": "ServerFault", "message": message])
    }
}

/// What `GET /api/auth` answers (BlueMind's `AuthUser`, the fields calimport reads).
struct CurrentUser: Encodable {
    struct Value: Encodable { var login: String }
    var uid: String
    var domainUid: String
    var displayName: String
    var value: Value
}

/// What `GET /api/containers/_manage/{uid}` answers (BlueMind's `ContainerDescriptor`, in part).
struct ContainerDescriptor: Encodable {
    var uid: String
    var name: String
    var owner: String
    var type: String
    var domainUid: String
    var defaultContainer: Bool
}

/// Wraps any encodable value for heterogeneous dictionaries.
struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}
