import Foundation

/// Account names given one per line: from a file, standard input (`-`) or the output of a
/// command run once (`--accounts-cmd`, e.g. `carbonio prov -l gaa example.com`). `#` starts
/// a comment; blank lines are ignored; surrounding white space is trimmed.
public enum AccountList {
    /// The names in `text`, in order.
    public static func parse(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { line -> Substring in
                let content = line.firstIndex(of: "#").map { line[..<$0] } ?? line[...]
                return content.drop(while: \.isWhitespace)
            }
            .map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The names in the file at `path`, or on standard input when `path` is `-`.
    public static func read(path: String) throws -> [String] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw AccountSourceError("cannot read the accounts file \(path)")
            }
            defer { try? handle.close() }
            data = handle.readDataToEndOfFile()
        }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Runs `command` once with `/bin/sh -c` and returns the names it printed; a command that
    /// exits non-zero is an error that quotes the end of its standard error.
    public static func run(command: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AccountSourceError("cannot run the accounts command: \(error.localizedDescription)")
        }
        let errorText = ErrorCollector(errors)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let excerpt = errorText.text.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300)
            throw AccountSourceError("the accounts command exited with status \(process.terminationStatus)\(excerpt.isEmpty ? "" : ": \(excerpt)")")
        }
        return parse(String(decoding: data, as: UTF8.self))
    }
}

/// Drains a pipe on another thread, so that a command writing much to standard error cannot block.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        DispatchQueue.global().async { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
    }

    var text: String {
        done.wait()
        done.signal()
        return String(decoding: data, as: UTF8.self)
    }
}
