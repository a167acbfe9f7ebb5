import Foundation

/// A `multipart/form-data` body (RFC 7578) holding file parts, as `zmmailbox postRestURL` and
/// browser forms send uploads.
public struct MultipartBody: Sendable {
    /// The boundary between parts.
    public let boundary: String
    private var parts: [(name: String, filename: String, contentType: String, data: Data)] = []

    /// An empty body with a random boundary.
    public init() {
        var generator = SystemRandomNumberGenerator()
        boundary = "calimport-" + String(generator.next() as UInt64, radix: 36) + String(generator.next() as UInt64, radix: 36)
    }

    /// Adds a file part.
    public mutating func addFile(name: String, filename: String, contentType: String, data: Data) {
        parts.append((name, filename, contentType, data))
    }

    /// The `Content-Type` header value.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The encoded body.
    public var data: Data {
        var body = Data()
        body.reserveCapacity(parts.reduce(boundary.utf8.count + 8) { $0 + $1.data.count + $1.name.utf8.count + $1.filename.utf8.count + 200 })
        for part in parts {
            body.append(Data("--\(boundary)\r\n".utf8))
            body.append(Data("Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(part.filename)\"\r\n".utf8))
            body.append(Data("Content-Type: \(part.contentType)\r\n\r\n".utf8))
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return body
    }
}
