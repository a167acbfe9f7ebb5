import Foundation

/// Reads a file front to back in chunks that end on logical-line boundaries (never inside a
/// folded line or a CRLF), so memory stays at one chunk whatever the file size. A logical
/// line longer than a chunk grows the buffer until it fits.
struct ChunkedFileReader {
    let path: String
    /// The initial chunk size in bytes.
    var chunkSize = 1 << 20

    /// One chunk: its bytes, the file offset of its first byte, and whether it is the first.
    struct Chunk {
        var bytes: UnsafeBufferPointer<UInt8>
        var fileOffset: Int
        var isFirst: Bool
    }

    /// Calls `body` with each chunk in order. Throws `.unreadableFile` on an I/O error.
    func forEachChunk(_ body: (Chunk) throws -> Void) throws {
        let descriptor = try FileRangeReader.open(path)
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0, fileOffset = 0, isFirst = true, atEnd = false
        while true {
            while !atEnd, filled < buffer.count {
                let count = try buffer.withUnsafeMutableBytes { raw in
                    try FileRangeReader.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), path: path)
                }
                if count == 0 { atEnd = true } else { filled += count }
            }
            guard filled > 0 else { return }
            let used: Int = try buffer.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[0..<filled])
                let end = atEnd ? filled : ContentLineScanner.lastLogicalLineBoundary(bytes)
                if end > 0 {
                    try body(Chunk(bytes: UnsafeBufferPointer(rebasing: bytes[0..<end]), fileOffset: fileOffset, isFirst: isFirst))
                }
                return end
            }
            guard used > 0 else {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
                continue
            }
            buffer.withUnsafeMutableBufferPointer { all in
                if used < filled { _ = memmove(all.baseAddress!, all.baseAddress! + used, filled - used) }
            }
            filled -= used
            fileOffset += used
            isFirst = false
        }
    }
}
