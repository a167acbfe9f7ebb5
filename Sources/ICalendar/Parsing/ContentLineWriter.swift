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
        if let verbatim = component.verbatim {
            bytes.append(contentsOf: verbatim)
            return
        }
        begin(component.name)
        // By index: a for-in loop would copy (retain and release) every property on the way.
        let properties = component.properties
        for index in properties.indices { write(properties[index]) }
        let children = component.components
        for index in children.indices { write(children[index]) }
        end(component.name)
    }

    /// Writes `BEGIN:name` alone (for output written piece by piece).
    mutating func begin(_ name: String) { writeRaw("BEGIN:", name) }

    /// Writes `END:name` alone.
    mutating func end(_ name: String) { writeRaw("END:", name) }

    /// Forgets the bytes written so far (after the caller has taken them), keeping capacity.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Writes a content line for `property`, folded. The line is written straight into the
    /// output; only a line longer than ``foldWidth`` (the minority) is moved out again to fold.
    mutating func write(_ property: Property) {
        let start = bytes.count
        append(property.name)
        let parameters = property.parameters
        for parameterIndex in parameters.indices {
            let parameter = parameters[parameterIndex]
            bytes.append(UInt8(ascii: ";"))
            append(parameter.name)
            guard !parameter.values.isEmpty else { continue }
            bytes.append(UInt8(ascii: "="))
            let values = parameter.values
            for index in values.indices {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                let quoted = parameter.isQuoted(index)
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                append(values[index])
                if quoted { bytes.append(UInt8(ascii: "\"")) }
            }
        }
        bytes.append(UInt8(ascii: ":"))
        append(property.value)
        foldLine(from: start)
    }

    private mutating func writeRaw(_ keyword: StaticString, _ name: String) {
        let start = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(start: keyword.utf8Start, count: keyword.utf8CodeUnitCount))
        append(name)
        foldLine(from: start)
    }

    /// Appends the UTF-8 of `text`, copied in one go from its storage when it has contiguous
    /// UTF-8 (native strings, the common case) rather than code unit by code unit.
    private mutating func append(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// Ends the line that starts at `start` in `bytes` with CRLF, folding it first when it is
    /// longer than ``foldWidth``.
    private mutating func foldLine(from start: Int) {
        if bytes.count - start > ContentLineWriter.foldWidth {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: bytes[start...])
            bytes.removeSubrange(start...)
            emitFolded()
        } else {
            bytes.append(0x0D)
            bytes.append(0x0A)
        }
    }

    /// Appends `line` to `bytes`, folding at ``foldWidth`` octets on UTF-8 character boundaries.
    private mutating func emitFolded() {
        var start = 0
        var width = ContentLineWriter.foldWidth
        while line.count - start > width {
            var cut = start + width
            while cut > start + 1, line[cut] & 0xC0 == 0x80 { cut -= 1 }
            bytes.append(contentsOf: line[start..<cut])
            bytes.append(0x0D)
            bytes.append(0x0A)
            bytes.append(0x20)
            start = cut
            width = ContentLineWriter.foldWidth - 1
        }
        bytes.append(contentsOf: line[start...])
        bytes.append(0x0D)
        bytes.append(0x0A)
    }
}
