import CCurl
import Foundation

/// Collects the header fields and body libcurl hands to its callbacks.
final class ResponseSink {
    var headers: [(String, String)] = []
    var body = Data()

    static let bodyCallback: calimport_curl_data_callback = { data, size, count, userdata in
        let length = size * count
        guard let data, let userdata else { return length }
        let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
        sink.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
        return length
    }

    static let headerCallback: calimport_curl_data_callback = { data, size, count, userdata in
        let length = size * count
        guard let data, let userdata else { return length }
        let sink = Unmanaged<ResponseSink>.fromOpaque(userdata).takeUnretainedValue()
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            sink.headers.removeAll()  // a new response (after 100 Continue or a redirect) starts
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            sink.headers.append((name, value))
        }
        return length
    }
}
