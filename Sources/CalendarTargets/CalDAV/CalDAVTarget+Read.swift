import Foundation
import ICalendar
import Logging

extension CalDAVTarget: CalendarReader {
    /// Resources fetched per `calendar-multiget` REPORT: bounds what one answer holds in memory.
    static let multigetBatch = 50

    /// Reads the account's collection: a PROPFIND of depth 1 lists its resources, then
    /// `calendar-multiget` REPORTs (RFC 4791 §7.9) fetch them ``multigetBatch`` at a time, each
    /// answer parsed and appended to `sink` before the next is asked for. The whole collection
    /// is read — no server-side `time-range` (servers' implementations differ; the window is
    /// applied by calimport's filter afterwards). A missing collection reads as an empty calendar; a
    /// resource answered 404 (deleted meanwhile) is left out; one that does not parse is
    /// reported in ``CalendarReadResult/unreadable`` with its name.
    public func readCalendar(account: String, into sink: FileHandle, logger: Logger) throws -> CalendarReadResult {
        let collection = collectionURL(for: account)
        let writer = try MergedCalendarWriter(sink: sink)
        guard try collectionExists(collection, account: account) else {
            try writer.finish()
            return CalendarReadResult(exists: false)
        }
        let listed = try resources(in: collection, account: account)
        var result = CalendarReadResult(exists: true)
        for start in stride(from: 0, to: listed.count, by: Self.multigetBatch) {
            let batch = listed[start..<min(start + Self.multigetBatch, listed.count)]
            let body = Self.multigetQuery(hrefs: batch.map(\.href))
            let answer = try send("REPORT", collection, body: Data(body.utf8), depth: "1", account: account, uid: nil)
            guard answer.status == 207 else {
                throw CalendarTargetError.fromResponse(answer, account: account, action: "calendar-multiget REPORT")
            }
            for response in DAVMultistatus(answer.body).responses where response.exists {
                let name = response.href.split(separator: "/").last.map(String.init) ?? response.href
                guard let text = response.calendarData, !text.isEmpty else {
                    result.unreadable.append(ItemError(uid: nil, recurrenceID: nil, reason: "\(name): no calendar-data in the answer"))
                    continue
                }
                do {
                    try writer.add(try CalendarDocument.parse(Data(text.utf8)))
                    result.resources += 1
                } catch let error as ICalendarError {
                    result.unreadable.append(ItemError(uid: nil, recurrenceID: nil, reason: "\(name): \(error.message)"))
                }
            }
        }
        try writer.finish()
        result.components = writer.componentCount
        logger.debug("caldav.read", metadata: ["account": "\(account)", "resources": "\(result.resources)",
                                               "components": "\(result.components)"])
        return result
    }

    /// A `calendar-multiget` asking for the ETag and calendar data of `hrefs`.
    static func multigetQuery(hrefs: [String]) -> String {
        let escaped = hrefs.map { href in
            "<d:href>" + href.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") + "</d:href>"
        }
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">\
            <d:prop><d:getetag/><c:calendar-data/></d:prop>\(escaped.joined())</c:calendar-multiget>
            """
    }
}
