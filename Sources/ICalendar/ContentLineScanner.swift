/// Splits raw bytes into logical content lines: accepts CRLF, bare LF and lone CR line ends,
/// joins folded lines (a line starting with a space or tab continues the previous one) on the
/// byte level, so a fold inside a multi-byte UTF-8 character is joined before decoding.
struct ContentLineScanner {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Calls `body` with the 1-based physical line number where each logical line starts and
    /// its unfolded bytes (line end removed). Empty and whitespace-only lines are skipped.
    func forEachLine(_ body: (_ line: Int, _ content: UnsafeBufferPointer<UInt8>) -> Void) {
        var scratch: [UInt8] = []
        var folded = false
        var current: (line: Int, start: Int, end: Int)?
        var position = ContentLineScanner.contentStart(bytes)
        var lineNumber = 1

        func flush() {
            guard let line = current else { return }
            if folded {
                scratch.withUnsafeBufferPointer { body(line.line, $0) }
            } else {
                body(line.line, UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]))
            }
            current = nil
            folded = false
        }

        while position < bytes.count {
            let (start, end, next) = physicalLine(from: position)
            if start < end, isBlank(bytes[start]), let line = current {
                if !folded {
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]))
                    folded = true
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]))
            } else {
                flush()
                var first = start
                while first < end, isBlank(bytes[first]) { first += 1 }
                if first < end { current = (lineNumber, first, end) }
            }
            lineNumber += 1
            position = next
        }
        flush()
    }

    /// The start, end (line end excluded) and next-line index of the physical line at `position`.
    private func physicalLine(from position: Int) -> (Int, Int, Int) {
        var index = position
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A { return (position, index, index + 1) }
            if byte == 0x0D {
                let next = index + 1 < count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
                return (position, index, next)
            }
            index += 1
        }
        return (position, count, count)
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The index after a UTF-8 byte-order mark, or 0.
    static func contentStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
