import Foundation

/// Account names given one per line: from a file, standard input (`-`) or the output of a
/// command run once (`--accounts-cmd`, e.g. `carbonio prov -l gaa example.com`). `#` starts
/// a comment; blank lines are ignored; surrounding white space is trimmed.
public enum AccountList {
    /// The names in `text`, in order.
    public static func parse(_ text: String) -> [String] {
        Array(names(in: Data(text.utf8)))
    }

    /// The names in `data` (UTF-8), in order, read lazily: nothing but the current line is
    /// held beside `data`. Lines end at LF, CR or CRLF; a line is cut at `#` and trimmed of
    /// white space (a line holding other than ASCII goes through `Character`'s rules).
    public static func names(in data: Data) -> Names {
        Names(data: data)
    }

    /// The name sequence of ``names(in:)``.
    public struct Names: Sequence, IteratorProtocol {
        let data: Data
        var offset: Int

        init(data: Data) {
            self.data = data
            offset = data.startIndex
        }

        public mutating func next() -> String? {
            while offset < data.endIndex {
                var end = offset
                while end < data.endIndex, data[end] != 0x0A, data[end] != 0x0D { end += 1 }
                let line = data[offset..<end]
                offset = end + 1
                if let name = AccountList.name(inLine: line) { return name }
            }
            return nil
        }
    }

    /// The name on one line, or nil for a blank or comment line.
    static func name(inLine line: Data) -> String? {
        guard line.allSatisfy({ $0 < 0x80 }) else {
            let text = String(decoding: line, as: UTF8.self)
            let content = text.firstIndex(of: "#").map { text[..<$0] } ?? text[...]
            let name = String(content.drop(while: \.isWhitespace)).trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
        // As for other lines: leading white space (isWhitespace), trailing spaces and tabs.
        var content = line.firstIndex(of: 0x23).map { line[..<$0] } ?? line
        while let first = content.first, first == 0x20 || (0x09...0x0C).contains(first) { content = content.dropFirst() }
        while let last = content.last, last == 0x20 || last == 0x09 { content = content.dropLast() }
        return content.isEmpty ? nil : String(decoding: content, as: UTF8.self)
    }

    /// The names in the file at `path`, or on standard input when `path` is `-`.
    public static func read(path: String) throws -> [String] {
        Array(names(in: try contents(path: path)))
    }

    /// The bytes of the file at `path`, or of standard input when `path` is `-`.
    public static func contents(path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AccountSourceError("cannot read the accounts file \(path)")
        }
        defer { try? handle.close() }
        return handle.readDataToEndOfFile()
    }

    /// Runs `command` once with `/bin/sh -c` and returns the names it printed; a command that
    /// exits non-zero is an error that quotes the end of its standard error.
    public static func run(command: String) throws -> [String] {
        Array(names(in: try output(command: command)))
    }

    /// What `command` printed on standard output (see ``run(command:)``).
    public static func output(command: String) throws -> Data {
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
        return data
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
