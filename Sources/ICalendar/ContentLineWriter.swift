/// Writes components as iCalendar text: CRLF line ends, lines folded at 75 octets without
/// splitting a UTF-8 character, parameters quoted exactly as they were read.
struct ContentLineWriter {
    private(set) var bytes: [UInt8] = []
    private var line: [UInt8] = []

    /// The longest line, in octets, before a fold (RFC 5545 3.1).
    static let foldWidth = 75

    init(reservingCapacity capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        line.reserveCapacity(256)
    }

    /// Writes `BEGIN:…`, the properties, the sub-components and `END:…`.
    mutating func write(_ component: Component) {
        begin(component.name)
        for property in component.properties { write(property) }
        for child in component.components { write(child) }
        end(component.name)
    }

    /// Writes `BEGIN:name` alone (for output written piece by piece).
    mutating func begin(_ name: String) { writeRaw("BEGIN:" + name) }

    /// Writes `END:name` alone.
    mutating func end(_ name: String) { writeRaw("END:" + name) }

    /// Forgets the bytes written so far (after the caller has taken them), keeping capacity.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Writes a content line for `property`, folded.
    mutating func write(_ property: Property) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: property.name.utf8)
        for parameter in property.parameters {
            line.append(UInt8(ascii: ";"))
            line.append(contentsOf: parameter.name.utf8)
            guard !parameter.values.isEmpty else { continue }
            line.append(UInt8(ascii: "="))
            for (index, value) in parameter.values.enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                let quoted = parameter.isQuoted(index)
                if quoted { line.append(UInt8(ascii: "\"")) }
                line.append(contentsOf: value.utf8)
                if quoted { line.append(UInt8(ascii: "\"")) }
            }
        }
        line.append(UInt8(ascii: ":"))
        line.append(contentsOf: property.value.utf8)
        emitFolded()
    }

    private mutating func writeRaw(_ text: String) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: text.utf8)
        emitFolded()
    }

    /// Appends `line` to `bytes`, folding at ``foldWidth`` octets on UTF-8 character boundaries.
    private mutating func emitFolded() {
        var start = 0
        var width = ContentLineWriter.foldWidth
        while line.count - start > width {
            var cut = start + width
            while cut > start + 1, line[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: line[start..<cut])
            bytes.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
            width = ContentLineWriter.foldWidth - 1
        }
        bytes.append(contentsOf: line[start...])
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
