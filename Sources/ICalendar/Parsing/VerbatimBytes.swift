import Foundation

/// Decides whether the bytes a component was read from can be written out as they are: what
/// needs no change is sent as read (its line folding kept), and only what is not valid
/// iCalendar as it stands is re-serialized by ``ContentLineWriter``.
enum VerbatimBytes {
    /// `bytes` (a whole component, `BEGIN` line to `END` line) when they are valid as they
    /// stand: `BEGIN:NAME` first and `END:NAME` last, every line ended by CRLF and at most 75
    /// octets long, no empty line, no fold inside a UTF-8 character. Nil otherwise (bare LF or
    /// CR ends, long lines, blank lines are repaired by re-serializing).
    static func valid(_ bytes: UnsafeBufferPointer<UInt8>, name: String) -> [UInt8]? {
        let begin = Array("BEGIN:\(name)\r\n".utf8), end = Array("END:\(name)\r\n".utf8)
        guard bytes.count >= begin.count + end.count, bytes.starts(with: begin),
              bytes[(bytes.count - end.count)...].elementsEqual(end) else { return nil }
        let base = bytes.baseAddress!
        var start = 0
        while start < bytes.count {
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            // CRLF, at most 75 octets before it, no empty line, no CR inside.
            guard newline > start + 1, bytes[newline - 1] == 0x0D, newline - 1 - start <= ContentLineWriter.foldWidth,
                  memchr(base + start, 0x0D, newline - 1 - start) == nil else { return nil }
            // A continuation line must not start in the middle of a UTF-8 character.
            if bytes[start] == 0x20 || bytes[start] == 0x09 {
                guard newline - 1 > start + 1, bytes[start + 1] & 0xC0 != 0x80 else { return nil }
            }
            start = newline + 1
        }
        return Array(bytes)
    }
}
