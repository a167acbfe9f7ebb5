import CalendarTargets
import Foundation

/// CalDAV (RFC 4791) under `/caldav/{account}/{calendar}/`: PROPFIND (depth 0 and 1),
/// MKCALENDAR, PUT with `If-None-Match`/`If-Match` and the `no-uid-conflict` precondition,
/// GET and DELETE, with basic auth.
struct CalDAVHandler {
    let store: SandboxStore
    let configuration: SandboxConfiguration

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        guard let credentials = request.basicCredentials,
              credentials.user == configuration.user, credentials.password == configuration.password else {
            return .text(401, "authentication required", headers: [("WWW-Authenticate", "Basic realm=\"sandbox\"")])
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments.count >= 3, segments[0] == "caldav" else { return .text(404, "not found") }
        let account = segments[1]
        guard store.exists(account) else {
            // No principal: its children are missing, and a collection cannot be created under it.
            return request.method == "MKCALENDAR" ? .text(409, "no home collection for \(account)") : .text(404, "not found")
        }
        let collectionPath = "/caldav/\(account)/\(segments[2])/"
        if segments.count == 3 {
            return collection(request, account: account, path: collectionPath)
        }
        return resource(request, account: account, name: segments[3], collectionPath: collectionPath)
    }

    private func collection(_ request: SandboxRequest, account: String, path: String) -> SandboxResponse {
        switch request.method {
        case "MKCALENDAR":
            return store.withCalendar(account) { calendar in
                if calendar.collectionExists { return .text(405, "collection exists") }
                calendar.collectionExists = true
                return SandboxResponse(status: 201)
            }
        case "PROPFIND":
            return store.withCalendar(account) { calendar in
                guard calendar.collectionExists else { return .text(404, "no such collection") }
                let members = request.header("depth") == "1" ? calendar.items.values.sorted { $0.resourceName < $1.resourceName } : []
                return Self.multistatus(collection: path, members: members)
            }
        case "GET":
            return store.withCalendar(account) { calendar in
                guard calendar.collectionExists else { return .text(404, "no such collection") }
                let texts = calendar.items.values.map { String(decoding: $0.data, as: UTF8.self) }
                return .text(200, texts.joined(), contentType: "text/calendar; charset=utf-8")
            }
        default:
            return .text(405, "method not allowed")
        }
    }

    private func resource(_ request: SandboxRequest, account: String, name: String, collectionPath: String) -> SandboxResponse {
        store.withCalendar(account) { calendar in
            guard calendar.collectionExists else { return .text(409, "no such collection") }
            let existing = calendar.item(named: name)
            switch request.method {
            case "GET":
                guard let existing else { return .text(404, "no such resource") }
                return SandboxResponse(status: 200, headers: [("Content-Type", "text/calendar"), ("ETag", existing.etag)], body: existing.data)
            case "DELETE":
                return calendar.remove(named: name) ? SandboxResponse(status: 204) : .text(404, "no such resource")
            case "PUT":
                return put(request, name: name, existing: existing, calendar: &calendar)
            default:
                return .text(405, "method not allowed")
            }
        }
    }

    private func put(_ request: SandboxRequest, name: String, existing: StoredItem?, calendar: inout SandboxCalendar) -> SandboxResponse {
        if request.header("if-none-match") == "*", existing != nil { return .text(412, "resource exists") }
        if let match = request.header("if-match"), match != existing?.etag { return .text(412, "entity tag differs") }
        guard let payload = ICSPayload(request.body), payload.items.count == 1, let item = payload.items.first else {
            return Self.precondition(403, "valid-calendar-object-resource")
        }
        if let reason = item.refusal { return Self.precondition(403, "valid-calendar-data", href: nil, reason: reason) }
        if let other = calendar.item(uid: item.uid), other.resourceName != name {
            return Self.precondition(409, "no-uid-conflict", href: other.resourceName)
        }
        let stored = calendar.store(item, name: name, data: request.body)
        return SandboxResponse(status: existing == nil ? 201 : 204, headers: [("ETag", stored.etag)])
    }

    static func precondition(_ status: Int, _ name: String, href: String? = nil, reason: String? = nil) -> SandboxResponse {
        let inner = (href.map { "<D:href>\($0)</D:href>" } ?? "") + (reason.map { SandboxText.xmlEscaped($0) } ?? "")
        return .text(status, """
            <?xml version="1.0" encoding="utf-8"?>
            <D:error xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><C:\(name)>\(inner)</C:\(name)></D:error>
            """, contentType: "application/xml; charset=utf-8")
    }

    static func multistatus(collection: String, members: [StoredItem]) -> SandboxResponse {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
        xml += "<D:response><D:href>\(collection)</D:href><D:propstat><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
        for member in members {
            xml += "<D:response><D:href>\(collection)\(member.resourceName)</D:href><D:propstat><D:prop><D:getetag>\(member.etag)</D:getetag><D:resourcetype/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
        }
        xml += "</D:multistatus>"
        return .text(207, xml, contentType: "application/xml; charset=utf-8")
    }
}
