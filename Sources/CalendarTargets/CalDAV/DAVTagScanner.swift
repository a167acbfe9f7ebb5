/// Walks the tags of a WebDAV XML body in order: for each element tag, its local name (prefix
/// dropped), whether it closes an element, and the text since the previous tag. Enough for the
/// flat structures calimport reads (multistatus, error bodies) without an XML parser.
enum DAVTagScanner {
    struct Tag {
        var local: String
        var isClosing: Bool
        /// The text between the previous tag and this one, entities unescaped, trimmed.
        var textBefore: String
    }

    /// Calls `visit` for each tag from `start`; stops when it returns false.
    static func scan(_ xml: String, from start: String.Index? = nil, _ visit: (Tag) -> Bool) {
        var index = start ?? xml.startIndex
        while let open = xml[index...].firstIndex(of: "<") {
            let text = xml[index..<open]
            guard let close = xml[open...].firstIndex(of: ">") else { return }
            let tag = xml[xml.index(after: open)..<close]
            index = xml.index(after: close)
            guard let first = tag.first, first != "?", first != "!" else { continue }
            let isClosing = first == "/"
            let name = (isClosing ? tag.dropFirst() : tag).prefix { !" /\t\r\n".contains($0) }
            let local = name.split(separator: ":").last.map(String.init) ?? ""
            if !visit(Tag(local: local, isClosing: isClosing, textBefore: unescaped(text.trimmingCharacters(in: .whitespacesAndNewlines)))) { return }
        }
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
