import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// While `run` draws its live display on a terminal, standard error — where every log record
/// goes — is sent to a log file in the state directory instead, so that no log line scrolls
/// the display away. ``restore()`` gives standard error back to the terminal when the display
/// ends, so the summary and any error after it are seen there.
final class TerminalLogRedirect {
    /// The log file.
    let path: String
    private let savedStandardError: Int32
    private var restored = false

    /// Redirects standard error to `run-BATCH.log` in `directory` (created if missing,
    /// appended to when it exists), when standard output and standard error both are a
    /// terminal; nil otherwise (logs piped or sent to a file already stay where they go), and
    /// nil with a line on standard error when the file cannot be opened (logs then stay on the
    /// terminal: the run goes on).
    static func ifDrawingOnATerminal(directory: URL, batch: String) -> TerminalLogRedirect? {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDERR_FILENO) == 1 else { return nil }
        let url = directory.appendingPathComponent("run-\(batch).log")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard file >= 0 else {
            CommandFailure.printError("cannot open the log file \(url.path) (\(String(cString: strerror(errno)))): logs stay on the terminal")
            return nil
        }
        return TerminalLogRedirect(path: url.path, file: file)
    }

    private init(path: String, file: Int32) {
        self.path = path
        fflush(nil)  // every C stream (standard error is unbuffered, standard output may not be)
        savedStandardError = dup(STDERR_FILENO)
        dup2(file, STDERR_FILENO)
        close(file)
    }

    /// Standard error goes to the terminal again (once; later calls do nothing).
    func restore() {
        guard !restored else { return }
        restored = true
        fflush(nil)  // every C stream (standard error is unbuffered, standard output may not be)
        dup2(savedStandardError, STDERR_FILENO)
        close(savedStandardError)
    }
}
