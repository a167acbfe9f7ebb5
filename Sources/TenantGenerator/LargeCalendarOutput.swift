import Foundation

/// The file a large calendar streams into.
final class LargeCalendarOutput {
    private let handle: FileHandle
    private(set) var bytesWritten = 0

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try handle.write(contentsOf: Data(bytes))
        bytesWritten += bytes.count
    }

    func close() {
        try? handle.close()
    }
}
