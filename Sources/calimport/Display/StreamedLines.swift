import Foundation

/// Lines written to standard output as a listing streams: the first at once, then every
/// ``flushEvery`` lines, so that a reader of a pipe sees the listing begin while it is still
/// being read from the database, and the process never holds more than a buffer of it.
final class StreamedLines {
    /// Lines between two flushes after the first.
    static let flushEvery = 1000

    private var written = 0

    /// Writes `line` and a newline.
    func write(_ line: String) {
        print(line)
        written += 1
        if written == 1 || written % Self.flushEvery == 0 { fflush(nil) }
    }

    /// Flushes what is left.
    func finish() { fflush(nil) }
}
