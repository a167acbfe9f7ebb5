import Foundation

/// A generated calendar split into physical lines and unfolded content lines, for checks
/// that must not depend on the ICalendar module.
struct ContentLines {
    /// Physical lines without their CRLF.
    let physical: [ArraySlice<UInt8>]
    /// Whether every physical line ended in CRLF and no bare CR or LF occurred.
    let allLinesEndInCRLF: Bool
    /// Unfolded content lines.
    let logical: [String]

    init(_ data: Data) {
        let bytes = [UInt8](data)
        var physical: [ArraySlice<UInt8>] = []
        var crlfOnly = true
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                physical.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                if bytes[index] == 10 || bytes[index] == 13 { crlfOnly = false }
                index += 1
            }
        }
        if start != bytes.count { crlfOnly = false }
        self.physical = physical
        allLinesEndInCRLF = crlfOnly
        var logical: [[UInt8]] = []
        for line in physical {
            if line.first == UInt8(ascii: " "), !logical.isEmpty {
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(Array(line))
            }
        }
        self.logical = logical.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Values of every content line whose name (before `;` or `:`) is `name`.
    func values(of name: String) -> [String] {
        logical.compactMap { line in
            guard Self.name(of: line) == name, let colon = Self.valueColon(in: line) else { return nil }
            return String(line[line.index(after: colon)...])
        }
    }

    /// Whole content lines whose name is `name`.
    func lines(named name: String) -> [String] {
        logical.filter { Self.name(of: $0) == name }
    }

    /// The content lines inside each `kind` component (nested components included).
    func components(_ kind: String) -> [ContentLines.Component] {
        var result: [Component] = []
        var current: [String]?
        for line in logical {
            if line == "BEGIN:" + kind { current = [] } else if line == "END:" + kind, let lines = current {
                result.append(Component(lines: lines))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return result
    }

    /// The lines of one component.
    struct Component {
        let lines: [String]

        /// The value of the first property called `name`.
        func value(of name: String) -> String? {
            lines.first { ContentLines.name(of: $0) == name }.flatMap { line in
                ContentLines.valueColon(in: line).map { String(line[line.index(after: $0)...]) }
            }
        }
    }

    /// Number of `BEGIN:VEVENT` plus `BEGIN:VTODO` lines.
    var componentCount: Int {
        logical.filter { $0 == "BEGIN:VEVENT" || $0 == "BEGIN:VTODO" }.count
    }

    static func name(of line: String) -> Substring {
        line.prefix { $0 != ";" && $0 != ":" }
    }

    /// The colon that separates parameters from the value (not one inside quotes).
    static func valueColon(in line: String) -> String.Index? {
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\"" { quoted.toggle() }
            if character == ":", !quoted { return index }
            index = line.index(after: index)
        }
        return nil
    }
}
