import Foundation

/// A request body read while it is sent (libcurl's read callback) instead of held in memory:
/// a sequence of segments, each bytes in memory or a byte range of an open file read by
/// offset (`pread`), so one file can back many uploads at once and a retried or rewound
/// upload reads it again from the start.
public struct HTTPUpload: Sendable {
    /// One piece of the body.
    public enum Segment: Sendable {
        /// Bytes held in memory (multipart headers, a calendar's header).
        case bytes(Data)
        /// `length` bytes of `file` from `offset`.
        case file(UploadFile, offset: Int64, length: Int64)
    }

    /// The segments, in order.
    public private(set) var segments: [Segment] = []
    /// The total length in bytes.
    public private(set) var count: Int64 = 0

    /// An empty body.
    public init() {}

    /// A body of `segments`.
    public init(_ segments: [Segment]) {
        segments.forEach { append($0) }
    }

    /// Appends a segment (an empty one is dropped; a file range right after the same file's
    /// previous range is merged into it).
    public mutating func append(_ segment: Segment) {
        switch segment {
        case .bytes(let data):
            guard !data.isEmpty else { return }
            count += Int64(data.count)
        case .file(let file, let offset, let length):
            guard length > 0 else { return }
            count += length
            if case .file(let last, let lastOffset, let lastLength)? = segments.last, last === file, lastOffset + lastLength == offset {
                segments[segments.count - 1] = .file(file, offset: lastOffset, length: lastLength + length)
                return
            }
        }
        segments.append(segment)
    }

    /// Appends `other`'s segments.
    public mutating func append(contentsOf other: HTTPUpload) {
        other.segments.forEach { append($0) }
    }

    /// Copies up to `buffer.count` bytes from `position` into `buffer`; returns how many
    /// (0 at the end). Throws when a file cannot be read.
    public func read(at position: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var start: Int64 = 0
        var filled = 0
        for segment in segments {
            let length: Int64
            switch segment {
            case .bytes(let data): length = Int64(data.count)
            case .file(_, _, let fileLength): length = fileLength
            }
            defer { start += length }
            let from = position + Int64(filled)
            guard filled < buffer.count, from < start + length else { continue }
            let skip = from - start
            let wanted = Int(min(length - skip, Int64(buffer.count - filled)))
            switch segment {
            case .bytes(let data):
                data.withUnsafeBytes { source in
                    (buffer.baseAddress! + filled).copyMemory(from: source.baseAddress! + Int(skip), byteCount: wanted)
                }
            case .file(let file, let offset, _):
                try file.read(at: offset + skip, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + wanted)]))
            }
            filled += wanted
        }
        return filled
    }

    /// The whole body in memory (tests, small bodies).
    public func data() throws -> Data {
        var result = Data(count: Int(count))
        _ = try result.withUnsafeMutableBytes { try read(at: 0, into: $0) }
        return result
    }
}

/// An open file an ``HTTPUpload`` reads ranges of; closed when the last reference goes.
public final class UploadFile: @unchecked Sendable {
    /// The open descriptor (read with `pread` only, so it is shared safely between threads).
    public let descriptor: Int32
    private let name: String

    /// Takes ownership of `descriptor` (closed on deinit); `name` appears in errors.
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    deinit { close(descriptor) }

    /// Fills `buffer` from `offset`; throws when the file is shorter or cannot be read.
    public func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws {
        var total = 0
        while total < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + total, buffer.count - total, off_t(offset) + off_t(total))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = count == 0 ? "unexpected end of file" : String(cString: strerror(errno))
                throw HTTPTransportError(code: .other, curlCode: -1, message: "cannot read \(name) for the request body: \(reason)")
            }
            total += count
        }
    }
}
