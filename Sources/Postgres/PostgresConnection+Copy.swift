import CLibPQ
import Foundation

extension PostgresConnection {
    /// Streams `rows` into `COPY table (columns) FROM STDIN` (text format) in one round trip
    /// and returns the number of rows the server reports copied. Values as for query parameters
    /// (``PostgresBindable``; a nil optional is NULL).
    @discardableResult
    public func copyIn<Rows: Sequence>(_ copyStatement: String, rows: Rows) throws -> Int where Rows.Element == [any PostgresBindable] {
        try lock.withLock {
            try reconnectIfBroken()
            let start = PQexec(handle, copyStatement)
            defer { PQclear(start) }
            try check(start)
            var buffer = Data()
            buffer.reserveCapacity(1 << 16)
            for row in rows {
                Self.appendCopyRow(row, to: &buffer)
                if buffer.count >= 1 << 16 {
                    try putCopyData(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try putCopyData(buffer) }
            guard PQputCopyEnd(handle, nil) == 1 else {
                throw PostgresError(code: .copyFailed, message: String(cString: PQerrorMessage(handle)))
            }
            var copied = 0
            while let result = PQgetResult(handle) {
                defer { PQclear(result) }
                try check(result)
                copied = Int(String(cString: PQcmdTuples(result))) ?? copied
            }
            return copied
        }
    }

    private func putCopyData(_ data: Data) throws {
        let status = data.withUnsafeBytes { bytes in
            PQputCopyData(handle, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        }
        guard status == 1 else {
            throw PostgresError(code: .copyFailed, message: String(cString: PQerrorMessage(handle)))
        }
    }

    /// Encodes one row in COPY text format: tab-separated, `\N` for NULL, backslash escapes.
    static func appendCopyRow(_ row: [any PostgresBindable], to buffer: inout Data) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard let value = value.postgresText else {
                buffer.append(contentsOf: [0x5C, 0x4E])
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
                case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
                case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(0x0A)
    }
}
