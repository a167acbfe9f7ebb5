import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTransport
import TestSupport

/// Reads a CalDAV collection back the way any client can: one `calendar-query` REPORT
/// (RFC 4791 7.8) asking for every resource's `calendar-data`; when the server's answer is not
/// well-formed XML (seen once from Xandikos, for one account of the real-world corpus),
/// resource by resource with PROPFIND and GET instead.
enum CollectionReadBack {
    static let query = """
        <?xml version="1.0" encoding="utf-8"?>
        <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
        <D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>
        """

    /// The `calendar-data` texts of `collection`; empty when it does not exist (404).
    static func calendarData(_ collection: String, client: HTTPClient, credentials: HTTPRequest.Credentials?) throws -> [String] {
        let response = try client.perform(HTTPRequest(
            method: "REPORT", url: collection, headers: [("Depth", "1"), ("Content-Type", "application/xml; charset=utf-8")],
            body: Data(query.utf8), credentials: credentials, timeout: 900))
        if response.status == 404 { return [] }
        guard response.status == 207 else {
            throw TestEnvironmentError("REPORT \(collection) answered \(response.status)")
        }
        let collector = CalendarDataCollector()
        let parser = XMLParser(data: response.body)
        parser.shouldProcessNamespaces = true
        parser.delegate = collector
        guard parser.parse() else {
            return try CalDAVServer(name: "read-back", url: collection, credentials: credentials).resourceTexts(in: collection)
        }
        return collector.texts
    }
}

/// Collects the text of every `calendar-data` element.
private final class CalendarDataCollector: NSObject, XMLParserDelegate {
    var texts: [String] = []
    private var current: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "calendar-data" { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current? += string
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        current? += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "calendar-data", let text = current {
            texts.append(text)
            current = nil
        }
    }
}
