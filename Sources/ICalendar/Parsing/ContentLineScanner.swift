import Foundation

/// Splits raw bytes into logical content lines: accepts CRLF, bare LF and lone CR line ends,
/// joins folded lines (a line starting with a space or tab continues the previous one) on the
/// byte level, so a fold inside a multi-byte UTF-8 character is joined before decoding.
///
/// Empty lines do not end a logical line: a continuation after them still continues it (some
/// exporters wrote `UID`, an empty line, then ` :956630271`). Empty lines that no
/// continuation follows are ignored, as before.
struct ContentLineScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The physical line number of `bytes[0]` (when `bytes` is one chunk of a larger file).
    var firstLineNumber = 1
    /// Whether a UTF-8 byte-order mark at `bytes[0]` is skipped (true at the start of a file).
    var skipsByteOrderMark = true

    /// Where one logical line came from: its first physical line number and the byte range
    /// of its physical lines, line ends included.
    struct Origin {
        var line: Int
        var start: Int
        var end: Int
    }

    /// Calls `body` with the 1-based physical line number where each logical line starts and
    /// its unfolded bytes (line end removed). Empty and whitespace-only lines are skipped; empty
    /// lines between a line and its continuation are skipped without ending the line.
    func forEachLine(_ body: (_ line: Int, _ content: UnsafeBufferPointer<UInt8>) -> Void) {
        forEachLineWithOrigin { origin, content in body(origin.line, content) }
    }

    /// Like ``forEachLine(_:)``, with each line's byte range in `bytes`; returns
    /// the number the physical line after `bytes` would have.
    @discardableResult
    func forEachLineWithOrigin(_ body: (_ origin: Origin, _ content: UnsafeBufferPointer<UInt8>) -> Void) -> Int {
        var scratch: [UInt8] = []
        var folded = false
        var current: (line: Int, start: Int, end: Int, physicalStart: Int)?
        var currentEnd = 0
        var position = skipsByteOrderMark ? ContentLineScanner.contentStart(bytes) : 0
        var lineNumber = firstLineNumber

        func flush() {
            guard let line = current else { return }
            let origin = Origin(line: line.line, start: line.physicalStart, end: currentEnd)
            if folded {
                scratch.withUnsafeBufferPointer { body(origin, $0) }
            } else {
                body(origin, UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]))
            }
            current = nil
            folded = false
        }

        while position < bytes.count {
            let (start, end, next) = physicalLine(from: position)
            if start == end, current != nil {
                // An empty line: the current line stays open for a continuation after it.
                // Its origin does not grow unless one comes.
            } else if start < end, isBlank(bytes[start]), let line = current {
                if !folded {
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line.start..<line.end]))
                    folded = true
                }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]))
                currentEnd = next
            } else {
                flush()
                var first = start
                while first < end, isBlank(bytes[first]) { first += 1 }
                if first < end {
                    current = (lineNumber, first, end, start)
                    currentEnd = next
                }
            }
            lineNumber += 1
            position = next
        }
        flush()
        return lineNumber
    }

    /// The start, end (line end excluded) and next-line index of the physical line at `position`
    /// (found with `memchr`: the line ends at the first LF, or at a CR before it).
    private func physicalLine(from position: Int) -> (Int, Int, Int) {
        let count = bytes.count
        let base = bytes.baseAddress!
        let remaining = count - position
        let newline = memchr(base + position, 0x0A, remaining).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
        if let carriage = memchr(base + position, 0x0D, newline - position) {
            let index = UnsafePointer(carriage.assumingMemoryBound(to: UInt8.self)) - base
            return (position, index, index + 1 < count && bytes[index + 1] == 0x0A ? index + 2 : index + 1)
        }
        return (position, newline, newline < count ? newline + 1 : count)
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The index after a UTF-8 byte-order mark, or 0.
    static func contentStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The end of the last complete logical line in `bytes` when more bytes may follow: the
    /// index after the last line end that is followed by a byte starting a new logical line
    /// (not a fold, not an empty line, which a fold may follow), or 0 when there is none.
    static func lastLogicalLineBoundary(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = bytes.count - 1
        while index > 0 {
            let next = bytes[index]
            let previous = bytes[index - 1]
            if next != 0x20, next != 0x09, next != 0x0A, next != 0x0D, previous == 0x0A || previous == 0x0D {
                return index
            }
            index -= 1
        }
        return 0
    }
}
