import Foundation

/// BlueMind's REST API with `X-BM-ApiKey`: `GET /api/auth` (the key's user),
/// `GET /api/users/{domain}/byLogin/{login}` (the user's uid),
/// `GET /api/containers/_manage/{container}` (a container's descriptor, 404 when it does not
/// exist), `PUT /api/calendars/vevent/{container}` (ICS import matched by UID, answered with
/// a task), `GET /api/calendars/vevent/{container}` (ICS export),
/// `POST /api/calendars/{container}/_reset` (empties the calendar, as a task) and
/// `GET /api/tasks/{id}` (state `InProgress`, then `Success` with the import's `uids`/`total`).
/// The default calendar of user `U` is `calendar:Default:U`; user uids here are the account.
struct BlueMindHandler {
    let store: SandboxStore
    let configuration: SandboxConfiguration
    let tasks: TaskRegistry

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        guard let key = configuration.apiKey, request.header("x-bm-apikey") == key else {
            return Self.fault(401, "PERMISSION_DENIED", "invalid session")
        }
        let segments = request.path.split(separator: "/").map(String.init)
        switch (request.method, segments.count > 1 ? segments[1] : "") {
        case ("GET", "auth") where segments.count == 2:
            return .json(200, CurrentUser(uid: configuration.user, domainUid: "global.virt", displayName: configuration.user,
                                          value: .init(login: configuration.user)))
        case ("GET", "containers") where segments.count == 4 && segments[2] == "_manage":
            guard let account = Self.account(ofContainer: segments[3]), store.exists(account) else { return Self.notFound(segments[3]) }
            return .json(200, ContainerDescriptor(uid: segments[3], name: account, owner: account, type: "calendar",
                                                  domainUid: String(account.split(separator: "@").last ?? ""), defaultContainer: true))
        case ("GET", "users") where segments.count == 5 && segments[3] == "byLogin":
            let account = segments[4].contains("@") ? segments[4] : segments[4] + "@" + segments[2]
            guard store.exists(account) else { return SandboxResponse(status: 204) }
            return .json(200, ["uid": account, "displayName": account])
        case ("GET", "calendars") where segments.count == 4 && segments[2] == "vevent":
            guard let account = Self.account(ofContainer: segments[3]), store.exists(account) else { return Self.notFound(segments[3]) }
            let texts = store.withCalendar(account) { $0.items.values.map { String(decoding: $0.data, as: UTF8.self) } }
            return .text(200, texts.joined(), contentType: "text/calendar; charset=utf-8")
        case ("PUT", "calendars") where segments.count == 4 && segments[2] == "vevent":
            return importICS(request, container: segments[3])
        case ("POST", "calendars") where segments.count == 4 && segments[3] == "_reset":
            guard let account = Self.account(ofContainer: segments[2]), store.exists(account) else { return Self.notFound(segments[2]) }
            store.withCalendar(account) { $0.removeAll() }
            return .json(200, ["id": tasks.add(result: "{}")])
        case ("GET", "tasks") where segments.count >= 3:
            guard let status = tasks.poll(segments[2]) else { return Self.notFound(segments[2]) }
            return .json(200, status)
        default:
            return Self.notFound(request.path)
        }
    }

    private func importICS(_ request: SandboxRequest, container: String) -> SandboxResponse {
        guard let account = Self.account(ofContainer: container), store.exists(account) else { return Self.notFound(container) }
        guard let payload = ICSPayload(request.body) else { return Self.fault(400, "INVALID_PARAMETER", "not an iCalendar stream") }
        let outcome = store.importItems(payload, into: account, skipExisting: false, respectSequence: false)
        let stats: [String: AnyEncodable] = ["uids": AnyEncodable(outcome.written), "total": AnyEncodable(payload.items.count)]
        let result = String(decoding: (try? JSONEncoder().encode(stats)) ?? Data(), as: UTF8.self)
        return .json(200, ["id": tasks.add(result: result)])
    }

    /// `calendar:Default:{uid}` → uid.
    static func account(ofContainer container: String) -> String? {
        let prefix = "calendar:Default:"
        return container.hasPrefix(prefix) ? String(container.dropFirst(prefix.count)) : nil
    }

    static func notFound(_ what: String) -> SandboxResponse {
        fault(404, "NOT_FOUND", "\(what) not found")
    }

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
