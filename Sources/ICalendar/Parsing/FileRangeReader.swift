import Foundation

/// Reads byte ranges of a file by offset (`pread`), for the second look at components that
/// a streaming pass only located.
final class FileRangeReader {
    private let descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []

    /// Opens `path` for reading; throws `.unreadableFile`.
    init(path: String) throws {
        self.path = path
        descriptor = try FileRangeReader.open(path)
    }

    deinit { close(descriptor) }

    /// Calls `body` with the bytes of `range` (shorter if the file is).
    func withBytes<T>(in range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
        if buffer.count < range.count { buffer = [UInt8](repeating: 0, count: range.count) }
        var total = 0
        try buffer.withUnsafeMutableBytes { raw in
            while total < range.count {
                let count = pread(descriptor, raw.baseAddress! + total, range.count - total, off_t(range.lowerBound + total))
                if count < 0, errno == EINTR { continue }
                guard count >= 0 else { throw FileRangeReader.failure(path) }
                if count == 0 { break }
                total += count
            }
        }
        return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<total])) }
    }

    /// Opens `path` read-only; throws `.unreadableFile`.
    static func open(_ path: String) throws -> Int32 {
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path) }
        return descriptor
    }

    /// Reads what is available into `buffer` (0 at end of file); throws `.unreadableFile`.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress!, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw failure(path) }
        }
    }

    private static func failure(_ path: String) -> ICalendarError {
        ICalendarError(code: .unreadableFile, message: "cannot read \(path): \(String(cString: strerror(errno)))")
    }
}
