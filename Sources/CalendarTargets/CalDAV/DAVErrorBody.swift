import Foundation

/// The `DAV:error` body of a refused WebDAV/CalDAV request (RFC 4918 §16, RFC 4791 §1.3): the
/// preconditions it names, by local name (`resource-must-be-null`, `no-uid-conflict`, …), and the
/// hrefs inside (a `no-uid-conflict` may name the resource that already holds the UID).
struct DAVErrorBody {
    var preconditions: Set<String> = []
    var hrefs: [String] = []

    init(_ body: Data) {
        let xml = String(decoding: body.prefix(8192), as: UTF8.self)
        guard let start = xml.range(of: #"<([A-Za-z0-9_.-]+:)?error[ >/]"#, options: .regularExpression) else { return }
        DAVTagScanner.scan(xml, from: start.lowerBound) { tag in
            switch (tag.local, tag.isClosing) {
            case ("error", true): return false
            case ("href", true): hrefs.append(tag.textBefore)
            case ("error", false), ("href", false), ("responsedescription", _), (_, true): break
            default: preconditions.insert(tag.local)
            }
            return true
        }
    }

    /// Whether the body names precondition `local`.
    func names(_ local: String) -> Bool { preconditions.contains(local) }

    /// Whether the body is a DAV error naming any precondition: a refusal of this request, not of
    /// the credentials.
    var isPrecondition: Bool { !preconditions.isEmpty }
}
