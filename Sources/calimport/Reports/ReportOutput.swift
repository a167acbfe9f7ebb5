import Foundation

/// Where a report is written as it is produced: text is gathered into blocks of
/// ``blockSize`` bytes and each full block written to the file handle, so a report of any size
/// holds one block in memory.
final class ReportOutput {
    private let handle: FileHandle
    private var buffer = Data()
    static let blockSize = 256 * 1024

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.blockSize)
    }

    /// Appends `text`, writing the block out when it is full.
    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
