import Foundation

/// An anonymous temporary file (unlinked as soon as it is created) that holds the kept items
/// while the streaming filter still learns which `VTIMEZONE`s go before them.
final class SpoolFile {
    private let descriptor: Int32

    /// Creates the file in the system's temporary directory; throws `.unreadableFile`.
    init() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("calimport-spool-\(UUID().uuidString)").path
        descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw ICalendarError(code: .unreadableFile, message: "cannot create a spool file in \(path): \(String(cString: strerror(errno)))")
        }
        unlink(path)
    }

    deinit { close(descriptor) }

    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let count = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    throw ICalendarError(code: .unreadableFile, message: "cannot write the spool file: \(String(cString: strerror(errno)))")
                }
                written += count
            }
        }
    }

    /// Calls `body` with everything written so far, in chunks, from the start.
    func forEachChunk(_ body: (Data) throws -> Void) throws {
        lseek(descriptor, 0, SEEK_SET)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try FileRangeReader.read(descriptor, into: $0, path: "spool file") }
            if count == 0 { return }
            try body(Data(buffer[0..<count]))
        }
    }
}
