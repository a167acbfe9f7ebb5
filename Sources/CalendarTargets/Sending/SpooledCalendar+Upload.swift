import Foundation
import HTTPTransport
import ICalendar

extension SpooledCalendar {
    /// The whole-calendar body of the items at `indices` (all when nil) as an upload that
    /// libcurl reads from the spool while it sends: the prefix, the items' byte ranges, the
    /// suffix. Byte for byte ``serialized(_:)``.
    func upload(of indices: [Int]? = nil) throws -> HTTPUpload {
        let descriptor = dup(spoolDescriptor)
        guard descriptor >= 0 else {
            throw CalendarTargetError(code: .fileSystem, isTransient: true,
                                      message: "cannot open the spool file again: \(String(cString: strerror(errno)))")
        }
        let file = UploadFile(descriptor: descriptor, name: "the spool file")
        var upload = HTTPUpload([.bytes(prefix)])
        for range in byteRanges(of: indices) { upload.append(.file(file, offset: range.lowerBound, length: Int64(range.count))) }
        upload.append(.bytes(Self.suffix))
        return upload
    }

    /// The indices of every item, or of those `include` accepts after reading each back.
    func indices(where include: (CalendarItem) throws -> Bool) throws -> [Int] {
        try (0..<count).filter { try include(item(at: $0)) }
    }
}
