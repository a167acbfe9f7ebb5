import Foundation

/// Shows successive progress frames: on a terminal each frame replaces the previous one in
/// place (cursor hidden meanwhile, restored by ``finish()``); elsewhere each frame's summary
/// lines are printed once, time-stamped, one line per batch.
final class WatchDisplay {
    /// Whether standard output is a terminal.
    let isTerminal = isatty(STDOUT_FILENO) == 1
    private var started = false

    /// Shows `lines` (terminal) or `summary` (otherwise).
    func show(frame lines: [String], summary: [String]) {
        fflush(nil)  // what print() buffered comes first
        if isTerminal {
            var text = started ? "\u{1B}[H\u{1B}[J" : "\u{1B}[?25l\u{1B}[H\u{1B}[2J"
            text += lines.map { String($0.prefix(Self.columns)) }.joined(separator: "\n") + "\n"
            write(text)
            started = true
        } else {
            let stamp = ISO8601DateFormatter().string(from: Date())
            write(summary.map { "\(stamp) \($0)\n" }.joined())
        }
    }

    /// Restores the cursor; the last frame stays on the screen.
    func finish() {
        if isTerminal && started { write("\u{1B}[?25h") }
    }

    private func write(_ text: String) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static var columns: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 200 }
        return Int(size.ws_col)
    }
}
