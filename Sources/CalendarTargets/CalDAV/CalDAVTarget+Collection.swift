import Foundation
import HTTPTransport
import Logging

extension CalDAVTarget {
    /// Makes sure the account's calendar collection exists: PROPFIND it, MKCALENDAR when missing.
    func ensureCollection(_ collection: String, account: String, logger: Logger) throws {
        if try collectionExists(collection, account: account) { return }
        let created = try send("MKCALENDAR", collection, account: account, uid: nil)
        // Already there: another worker made it, or this MKCALENDAR's own first answer was lost
        // and RequestSender sent it again. Radicale answers 409, Xandikos 403, both with
        // DAV:resource-must-be-null; RFC 4918 §9.3.1 servers 405.
        let exists = created.status == 405
            || ([403, 409].contains(created.status) && DAVErrorBody(created.body).names("resource-must-be-null"))
        if created.isSuccess {
            logger.info("caldav.collection.created", metadata: ["account": "\(account)"])
        } else if exists {
            logger.info("caldav.collection.exists", metadata: ["account": "\(account)", "http.status": "\(created.status)"])
        } else if created.status == 409 {
            throw CalendarTargetError(code: .accountNotFound, isTransient: false, httpStatus: 409,
                                      message: "\(account): the account's home collection does not exist on the CalDAV server (MKCALENDAR answered 409)")
        } else {
            throw CalendarTargetError.fromResponse(created, account: account, action: "MKCALENDAR")
        }
    }

    /// Whether PROPFIND (depth 0) finds the collection. A 207 is read per response: Xandikos
    /// answers a missing collection with a 207 holding a 404 response.
    func collectionExists(_ collection: String, account: String) throws -> Bool {
        let found = try send("PROPFIND", collection, body: Data(Self.resourceTypeQuery.utf8), depth: "0", account: account, uid: nil)
        guard let exists = Self.propfindFinds(found, url: collection) else {
            throw CalendarTargetError.fromResponse(found, account: account, action: "PROPFIND of the calendar")
        }
        return exists
    }

    /// Whether a PROPFIND answer says `url` exists (a 207 read per response, 200, 404); nil when
    /// it says neither.
    static func propfindFinds(_ response: HTTPResponse, url: String) -> Bool? {
        switch response.status {
        case 207: return DAVMultistatus(response.body).response(for: url)?.exists ?? false
        case 200: return true
        case 404: return false
        default: return nil
        }
    }

    /// `replace`: deletes every resource of the collection whose name is not in `keeping`. A
    /// DELETE answered 404 (already gone, or its own lost answer repeated) is fine.
    func deleteOthers(in collection: String, keeping: Set<String>, account: String) throws {
        let names = try resources(in: collection, account: account)
            .compactMap { $0.href.split(separator: "/").last.map(String.init) }
        for name in names where !keeping.contains(name) && !keeping.contains(name.removingPercentEncoding ?? name) {
            let response = try send("DELETE", collection + name, account: account, uid: nil)
            guard response.isSuccess || response.status == 404 else {
                throw CalendarTargetError.fromResponse(response, account: account, action: "DELETE of \(name)")
            }
        }
    }

    /// The resources (not sub-collections) the collection holds, from a PROPFIND of depth 1.
    func resources(in collection: String, account: String) throws -> [DAVMultistatus.Response] {
        let listing = try send("PROPFIND", collection, body: Data(Self.resourceTypeQuery.utf8), depth: "1", account: account, uid: nil)
        guard listing.status == 207 else { throw CalendarTargetError.fromResponse(listing, account: account, action: "PROPFIND depth 1") }
        let collectionPath = DAVMultistatus.normalizedPath(collection)
        return DAVMultistatus(listing.body).responses.filter { $0.exists && !$0.isCollection && $0.path != collectionPath }
    }
}
