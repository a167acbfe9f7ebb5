import Foundation

/// One element of a SOAP message the sandbox received, read by the sandbox's own small XML
/// reader (independent of the connector's `XMLText`, which the sandbox's answers verify):
/// local name (prefix dropped), attributes, the text directly inside it, and its children.
struct SOAPElement {
    var name: String
    var attributes: [String: String] = [:]
    var text = ""
    var children: [SOAPElement] = []

    /// The first element named `local` in this tree (itself included), depth first.
    func first(_ local: String) -> SOAPElement? {
        if name == local { return self }
        for child in children { if let found = child.first(local) { return found } }
        return nil
    }

    /// The first element of the SOAP `Body`: the request.
    var request: SOAPElement? { first("Body")?.children.first }

    /// Reads an XML document; nil when it is not well formed enough to hold one root element.
    static func parse(_ data: Data) -> SOAPElement? {
        var reader = Reader(bytes: Array(data))
        return reader.document()
    }

    /// A forward-only reader over the document's bytes.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func document() -> SOAPElement? {
            var stack: [SOAPElement] = []
            var root: SOAPElement?
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "<") else {
                    let text = take(until: UInt8(ascii: "<"))
                    if !stack.isEmpty { stack[stack.count - 1].text += Self.decode(text) }
                    continue
                }
                if skip("<?", to: "?>") || skip("<!--", to: "-->") || skip("<!", to: ">") { continue }
                index += 1
                if bytes[index...].first == UInt8(ascii: "/") {
                    _ = take(until: UInt8(ascii: ">"))
                    index += 1
                    guard let closed = stack.popLast() else { return nil }
                    if stack.isEmpty { root = closed } else { stack[stack.count - 1].children.append(closed) }
                    continue
                }
                let tag = take(until: UInt8(ascii: ">"))
                index += 1
                let selfClosing = tag.hasSuffix("/")
                let element = Self.element(selfClosing ? String(tag.dropLast()) : tag)
                if selfClosing {
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
                } else {
                    stack.append(element)
                }
            }
            return stack.isEmpty ? root : nil
        }

        /// Skips a `start … end` construct when one begins here.
        private mutating func skip(_ start: String, to end: String) -> Bool {
            guard bytes[index...].starts(with: Array(start.utf8)) else { return false }
            let endBytes = Array(end.utf8)
            var cursor = index + start.utf8.count
            while cursor < bytes.count, !bytes[cursor...].starts(with: endBytes) { cursor += 1 }
            index = min(bytes.count, cursor + endBytes.count)
            return true
        }

        private mutating func take(until byte: UInt8) -> String {
            let start = index
            while index < bytes.count, bytes[index] != byte { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// `name a="1" b='2'` as an element.
        private static func element(_ tag: String) -> SOAPElement {
            var scalars = Substring(tag)
            let qualified = scalars.prefix { !$0.isWhitespace }
            scalars = scalars.dropFirst(qualified.count)
            var element = SOAPElement(name: String(qualified.split(separator: ":").last ?? qualified))
            while let equals = scalars.firstIndex(of: "=") {
                let name = scalars[..<equals].trimmingCharacters(in: .whitespacesAndNewlines)
                var rest = scalars[scalars.index(after: equals)...].drop { $0.isWhitespace }
                guard let quote = rest.first, quote == "\"" || quote == "'" else { break }
                rest = rest.dropFirst()
                let value = rest.prefix { $0 != quote }
                element.attributes[String(name.split(separator: ":").last ?? Substring(name))] = decode(String(value))
                scalars = rest.dropFirst(value.count + 1)
            }
            return element
        }

        /// Replaces the five predefined entities and numeric character references.
        static func decode(_ text: String) -> String {
            guard text.contains("&") else { return text }
            var result = ""
            var rest = Substring(text)
            while let amp = rest.firstIndex(of: "&") {
                result += rest[..<amp]
                guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
                let entity = rest[rest.index(after: amp)..<semicolon]
                switch entity {
                case "lt": result += "<"
                case "gt": result += ">"
                case "amp": result += "&"
                case "quot": result += "\""
                case "apos": result += "'"
                default:
                    let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                    result += number.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "&\(entity);"
                }
                rest = rest[rest.index(after: semicolon)...]
            }
            return result + rest
        }
    }
}
