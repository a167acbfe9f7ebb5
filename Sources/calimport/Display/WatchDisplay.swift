import Foundation

/// Shows successive progress frames: on a terminal each frame overwrites the previous one in
/// place (cursor moved back up, lines cleared; the cursor is hidden meanwhile and restored by
/// ``finish()``), leaving the rest of the screen and the scrollback alone; elsewhere each
/// frame's summary lines are printed once, time-stamped.
final class WatchDisplay {
    /// Whether standard output is a terminal.
    let isTerminal = isatty(STDOUT_FILENO) == 1
    private var started = false
    private var previousLineCount = 0

    /// Shows the frame's lines (terminal) or its summary (otherwise).
    func show(_ frame: ProgressFrame) {
        guard isTerminal else {
            let stamp = ISO8601DateFormatter().string(from: Date())
            write(frame.summary.map { "\(stamp) \($0)\n" }.joined())
            return
        }
        let lines = frame.lines
        var text = started ? "" : "\u{1B}[?25l"
        if previousLineCount > 0 { text += "\u{1B}[\(previousLineCount)F" }
        let width = Self.columns
        text += lines.map { String($0.prefix(width - 1)) + "\u{1B}[K\n" }.joined() + "\u{1B}[J"
        write(text)
        started = true
        previousLineCount = lines.count
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
