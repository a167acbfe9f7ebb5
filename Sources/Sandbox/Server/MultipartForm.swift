import Foundation

/// The parts of a `multipart/form-data` body (RFC 7578), as browsers and `zmmailbox` send it.
struct MultipartForm {
    struct Part {
        var name: String?
        var filename: String?
        var contentType: String?
        var data: Data
    }

    var parts: [Part] = []

    /// Splits `body` with the boundary of `contentType`; nil when it is not multipart or malformed.
    init?(body: Data, contentType: String?) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let range = contentType.range(of: "boundary=", options: .caseInsensitive) else { return nil }
        var boundary = String(contentType[range.upperBound...]).split(separator: ";").first.map(String.init) ?? ""
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let delimiter = Data(("--" + boundary).utf8)
        var sections: [Data] = []
        var cursor = body.startIndex
        while let found = body.range(of: delimiter, in: cursor..<body.endIndex) {
            if cursor != body.startIndex { sections.append(body[cursor..<found.lowerBound]) }
            cursor = found.upperBound
            if body[cursor...].starts(with: Data("--".utf8)) { break }
        }
        for section in sections {
            guard let part = Self.part(section) else { return nil }
            parts.append(part)
        }
        if parts.isEmpty { return nil }
    }

    /// The first part holding a file, else the first part.
    var file: Part? { parts.first { $0.filename != nil } ?? parts.first }

    private static func part(_ section: Data) -> Part? {
        var section = section
        if section.starts(with: Data("\r\n".utf8)) { section = section.dropFirst(2) }
        guard let split = section.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        var data = section[split.upperBound...]
        if data.suffix(2) == Data("\r\n".utf8) { data = data.dropLast(2) }
        var part = Part(data: Data(data))
        for line in String(decoding: section[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                part.name = parameter("name", in: line)
                part.filename = parameter("filename", in: line)
            } else if lower.hasPrefix("content-type:") {
                part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        return part
    }

    private static func parameter(_ name: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
