import Foundation

/// A `multipart/form-data` body (RFC 7578) holding file parts, as `zmmailbox postRestURL` and
/// browser forms send uploads. A part's content may be an ``HTTPUpload`` (ranges of a file),
/// so the body is streamed without being assembled in memory.
public struct MultipartBody: Sendable {
    /// The boundary between parts.
    public let boundary: String
    private var parts: [(name: String, filename: String, contentType: String, content: HTTPUpload)] = []

    /// An empty body with a random boundary.
    public init() {
        var generator = SystemRandomNumberGenerator()
        boundary = "calimport-" + String(generator.next() as UInt64, radix: 36) + String(generator.next() as UInt64, radix: 36)
    }

    /// Adds a file part.
    public mutating func addFile(name: String, filename: String, contentType: String, data: Data) {
        addFile(name: name, filename: filename, contentType: contentType, content: HTTPUpload([.bytes(data)]))
    }

    /// Adds a file part whose content is read while the body is sent.
    public mutating func addFile(name: String, filename: String, contentType: String, content: HTTPUpload) {
        parts.append((name, filename, contentType, content))
    }

    /// The `Content-Type` header value.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The encoded body, to be streamed.
    public var upload: HTTPUpload {
        var body = HTTPUpload()
        for part in parts {
            body.append(.bytes(Data(("--\(boundary)\r\n"
                + "Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(part.filename)\"\r\n"
                + "Content-Type: \(part.contentType)\r\n\r\n").utf8)))
            body.append(contentsOf: part.content)
            body.append(.bytes(Data("\r\n".utf8)))
        }
        body.append(.bytes(Data("--\(boundary)--\r\n".utf8)))
        return body
    }

    /// The encoded body in memory.
    public var data: Data {
        (try? upload.data()) ?? Data()
    }
}
