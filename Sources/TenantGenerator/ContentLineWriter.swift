/// Writes iCalendar content lines as bytes: CRLF line ends, TEXT escaping, and folding at
/// 75 octets that never splits a UTF-8 sequence.
///
/// Each line is first assembled in a reusable scratch buffer and then copied, folded when
/// needed, to `bytes`, so writing a calendar costs no per-line String concatenation.
struct ContentLineWriter {
    /// One property parameter, `name=value`; the value is quoted when it needs to be.
    struct Parameter {
        var name: String
        var value: String

        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The longest physical line, in octets, without its CRLF (RFC 5545 §3.1).
    static let maximumLineOctets = 75

    /// Everything written so far.
    private(set) var bytes: [UInt8] = []
    private var line: [UInt8] = []

    init(reservingCapacity capacity: Int = 64 * 1024) {
        bytes.reserveCapacity(capacity)
        line.reserveCapacity(1024)
    }

    /// Empties the output, keeping its storage (for streaming writers).
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Appends bytes that are already complete content lines.
    mutating func append(contentsOf other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    /// `BEGIN:<name>`
    mutating func begin(_ component: String) {
        property("BEGIN", component)
    }

    /// `END:<name>`
    mutating func end(_ component: String) {
        property("END", component)
    }

    /// A property without parameters whose value is written verbatim.
    mutating func property(_ name: String, _ value: String) {
        property(name, [], value)
    }

    /// A property whose value is written verbatim (dates, numbers, URIs, enumerations).
    mutating func property(_ name: String, _ parameters: [Parameter], _ value: String) {
        startLine(name, parameters)
        line.append(contentsOf: value.utf8)
        finishLine()
    }

    /// A TEXT property without parameters.
    mutating func text(_ name: String, _ value: String) {
        text(name, [], value)
    }

    /// A property whose value is TEXT: backslash, semicolon, comma and newline are escaped.
    mutating func text(_ name: String, _ parameters: [Parameter], _ value: String) {
        startLine(name, parameters)
        appendEscaped(value)
        finishLine()
    }

    /// A multi-valued TEXT property (`CATEGORIES:a,b`), each value escaped.
    mutating func textList(_ name: String, _ values: [String]) {
        startLine(name, [])
        for (offset, value) in values.enumerated() {
            if offset > 0 { line.append(UInt8(ascii: ",")) }
            appendEscaped(value)
        }
        finishLine()
    }

    private mutating func startLine(_ name: String, _ parameters: [Parameter]) {
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: name.utf8)
        for parameter in parameters {
            line.append(UInt8(ascii: ";"))
            line.append(contentsOf: parameter.name.utf8)
            line.append(UInt8(ascii: "="))
            appendParameterValue(parameter.value)
        }
        line.append(UInt8(ascii: ":"))
    }

    private mutating func appendParameterValue(_ value: String) {
        let needsQuotes = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") }
        if needsQuotes { line.append(UInt8(ascii: "\"")) }
        line.append(contentsOf: value.utf8)
        if needsQuotes { line.append(UInt8(ascii: "\"")) }
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte == UInt8(ascii: "\\") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ",")
                    || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else { continue }
                line.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\n"): line.append(contentsOf: Self.escapedNewline)
                case UInt8(ascii: "\r"): break
                default: line.append(contentsOf: [UInt8(ascii: "\\"), byte])
                }
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
    }

    private static let escapedNewline: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "n")]

    private mutating func finishLine() {
        let limit = Self.maximumLineOctets
        guard line.count > limit else {
            bytes.append(contentsOf: line)
            bytes.append(contentsOf: Self.crlf)
            return
        }
        var start = 0
        var room = limit
        while start < line.count {
            let end = Self.foldPoint(in: line, from: start, room: room)
            bytes.append(contentsOf: line[start..<end])
            bytes.append(contentsOf: Self.crlf)
            if end < line.count { bytes.append(UInt8(ascii: " ")) }
            start = end
            room = limit - 1
        }
    }

    /// Where a physical line that starts at `start` and may hold `room` octets must end:
    /// moved back so that it never ends inside a UTF-8 sequence.
    private static func foldPoint(in line: [UInt8], from start: Int, room: Int) -> Int {
        var end = start + room
        guard end < line.count else { return line.count }
        while end > start + 1, line[end] & 0xC0 == 0x80 { end -= 1 }
        return end
    }

    private static let crlf: [UInt8] = [13, 10]
}
