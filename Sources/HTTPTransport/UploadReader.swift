import CCurl
import Foundation

/// Feeds an ``HTTPUpload`` to libcurl's read callback from a position it can rewind
/// (seek callback: a redirect or a resent request reads the body again).
final class UploadReader {
    private let upload: HTTPUpload
    private var position: Int64 = 0
    /// Why the last read aborted the transfer.
    private(set) var failure: Error?

    init(_ upload: HTTPUpload) {
        self.upload = upload
    }

    static let readCallback: calimport_curl_data_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return 0 }
        let reader = Unmanaged<UploadReader>.fromOpaque(userdata).takeUnretainedValue()
        do {
            let read = try reader.upload.read(at: reader.position, into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
            reader.position += Int64(read)
            return read
        } catch {
            reader.failure = error
            return CALIMPORT_CURL_READFUNC_ABORT
        }
    }

    static let seekCallback: calimport_curl_seek_callback = { userdata, offset, origin in
        guard let userdata, origin == SEEK_SET, offset >= 0 else { return CALIMPORT_CURL_SEEKFUNC_FAIL }
        let reader = Unmanaged<UploadReader>.fromOpaque(userdata).takeUnretainedValue()
        reader.position = Int64(offset)
        return CALIMPORT_CURL_SEEKFUNC_OK
    }
}
