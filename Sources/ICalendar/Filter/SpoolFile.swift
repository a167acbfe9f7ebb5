import Foundation

/// An anonymous temporary file (unlinked as soon as it is created) that holds the kept items
/// while the streaming filter still learns which `VTIMEZONE`s go before them, and while a
/// connector pushes them (``SpooledCalendar``). Appends come from one thread; reads by offset
/// (`pread`) may come from many once writing is done.
final class SpoolFile: @unchecked Sendable {
    /// The open descriptor (deleted file: gone from the disk when it is closed).
    let descriptor: Int32
    /// Bytes written so far.
    private(set) var size: Int64 = 0

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
        size += Int64(bytes.count)
    }

    /// Fills `buffer` with the bytes from `offset`; throws `.unreadableFile` when it cannot.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws {
        var total = 0
        while total < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + total, buffer.count - total, off_t(offset) + off_t(total))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw ICalendarError(code: .unreadableFile, message: "cannot read the spool file at \(offset): \(count == 0 ? "end of file" : String(cString: strerror(errno)))")
            }
            total += count
        }
    }

    /// Calls `body` with the bytes of `range` (everything written when nil), in chunks of at
    /// most 1 MiB, read by offset (safe while other threads read too).
    func forEachChunk(in range: Range<Int64>? = nil, _ body: (Data) throws -> Void) throws {
        let range = range ?? 0..<size
        var buffer = Data(count: Int(min(1 << 20, range.count)))
        var offset = range.lowerBound
        while offset < range.upperBound {
            let count = Int(min(Int64(buffer.count), range.upperBound - offset))
            try buffer.withUnsafeMutableBytes { try read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count])) }
            try body(count == buffer.count ? buffer : buffer.prefix(count))
            offset += Int64(count)
        }
    }
}
