import Foundation

/// Just enough XML reading for the SOAP and DAV bodies the sandbox receives: the text of the
/// first element with a local name, and an attribute of it.
public enum XMLText {
    /// The text content of the first element named `local` (any prefix), unescaped.
    public static func element(_ local: String, in xml: String) -> String? {
        guard let open = openTag(local, in: xml), !xml[open].hasSuffix("/>") else { return nil }
        guard let close = xml.range(of: "</", range: open.upperBound..<xml.endIndex) else { return nil }
        return unescape(String(xml[open.upperBound..<close.lowerBound]))
    }

    /// The text content of every element named `local` (any prefix), in document order.
    public static func elements(_ local: String, in xml: String) -> [String] {
        var found: [String] = []
        var rest = Substring(xml)
        while let text = element(local, in: String(rest)), let open = openTag(local, in: String(rest)) {
            found.append(text)
            let consumed = String(rest).distance(from: String(rest).startIndex, to: open.upperBound)
            rest = rest.dropFirst(consumed)
        }
        return found
    }

    /// The value of attribute `name` on the first element named `local`.
    public static func attribute(_ name: String, of local: String, in xml: String) -> String? {
        guard let open = openTag(local, in: xml) else { return nil }
        let tag = String(xml[open])
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        return rest.firstIndex(of: "\"").map { unescape(String(rest[..<$0])) }
    }

    /// Escapes text for element content and attribute values.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func openTag(_ local: String, in xml: String) -> Range<String.Index>? {
        var search = xml.startIndex..<xml.endIndex
        while let lt = xml.range(of: "<", range: search) {
            guard let gt = xml.range(of: ">", range: lt.upperBound..<xml.endIndex) else { return nil }
            let name = xml[lt.upperBound..<gt.lowerBound].split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\n" }).first ?? ""
            if name == local || name.hasSuffix(":" + local) { return lt.lowerBound..<gt.upperBound }
            search = gt.upperBound..<xml.endIndex
        }
        return nil
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
