/// Reads one unfolded, UTF-8 content line `name *(";" param) ":" value` into a ``Property``.
///
/// Lenient: names are uppercased; a parameter value may be quoted and then contain `:`, `;`
/// and `,`; a quote that is never closed is read as a literal character; a parameter without
/// `=` is kept with no values.
enum ContentLineParser {
    private static let colon = UInt8(ascii: ":"), semicolon = UInt8(ascii: ";")
    private static let comma = UInt8(ascii: ","), equals = UInt8(ascii: "="), quote = UInt8(ascii: "\"")

    /// A `BEGIN:NAME` or `END:NAME` line (any case, no parameters): whether it is `BEGIN` and
    /// the uppercased, trimmed component name; `nil` for any other line.
    static func componentBoundary(_ bytes: UnsafeBufferPointer<UInt8>) -> (isBegin: Bool, name: String)? {
        let count = bytes.count
        guard count >= 4 else { return nil }
        let isBegin: Bool
        if count >= 6, bytes[5] == colon, matchesUppercased(bytes, "BEGIN") {
            isBegin = true
        } else if bytes[3] == colon, matchesUppercased(bytes, "END") {
            isBegin = false
        } else {
            return nil
        }
        let start = isBegin ? 6 : 4
        var first = start, end = count
        while first < end, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
        while end > first, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return (isBegin, uppercased(bytes, first, end))
    }

    /// Whether `bytes` starts with the ASCII uppercase `word` in any case.
    private static func matchesUppercased(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (index, letter) in letters.enumerated() where bytes[index] & 0xDF != letter { return false }
        return true
    }

    /// The property on `bytes`, or `nil` when the line has no name or no value separator.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Property? {
        var index = 0
        let count = bytes.count
        while index < count, bytes[index] != colon, bytes[index] != semicolon { index += 1 }
        guard index < count, let name = name(bytes, 0, index) else { return nil }
        var parameters: [Parameter] = []
        while bytes[index] == semicolon {
            guard let (parameter, next) = parameter(bytes, from: index + 1) else { return nil }
            if let parameter { parameters.append(parameter) }
            index = next
        }
        let value = text(bytes, index + 1, count)
        return Property(uppercasedName: name, parameters: parameters, value: value)
    }

    /// Reads one parameter starting at `start`; returns it and the index of the `;` or `:`
    /// that ends it, or `nil` when the line ends first.
    private static func parameter(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Parameter?, Int)? {
        var index = start
        let count = bytes.count
        while index < count, bytes[index] != equals, bytes[index] != colon, bytes[index] != semicolon { index += 1 }
        guard index < count else { return nil }
        let name = self.name(bytes, start, index) ?? ""
        if bytes[index] != equals {
            return (name.isEmpty ? nil : Parameter(uppercasedName: name, values: [], quoted: []), index)
        }
        var values: [String] = [], quoted: [Bool] = []
        repeat {
            index += 1
            guard let (value, wasQuoted, next) = parameterValue(bytes, from: index) else { return nil }
            if wasQuoted, quoted.count < values.count {
                quoted.append(contentsOf: repeatElement(false, count: values.count - quoted.count))
            }
            if wasQuoted || !quoted.isEmpty { quoted.append(wasQuoted) }
            values.append(value)
            index = next
        } while bytes[index] == comma
        return (Parameter(uppercasedName: name, values: values, quoted: quoted), index)
    }

    /// One parameter value at `start`: its text, whether it was quoted, and the index of the
    /// `,`, `;` or `:` after it.
    private static func parameterValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Bool, Int)? {
        let count = bytes.count
        if start < count, bytes[start] == quote {
            var close = start + 1
            while close < count, bytes[close] != quote { close += 1 }
            if close < count {
                var after = close + 1
                while after < count, bytes[after] != comma, bytes[after] != semicolon, bytes[after] != colon { after += 1 }
                guard after < count else { return nil }
                return (text(bytes, start + 1, close), true, after)
            }
        }
        var index = start
        while index < count, bytes[index] != comma, bytes[index] != semicolon, bytes[index] != colon { index += 1 }
        guard index < count else { return nil }
        return (text(bytes, start, index), false, index)
    }

    /// The uppercased, trimmed name in `bytes[start..<end]`, or `nil` when empty.
    private static func name(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        var start = start, end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        return uppercased(bytes, start, end)
    }

    /// The text of `bytes[start..<end]` with ASCII letters uppercased.
    private static func uppercased(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !slice.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
            return String(decoding: slice, as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: slice.count) { buffer in
            for (index, byte) in slice.enumerated() { buffer[index] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }
            return slice.count
        }
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

extension Property {
    /// Creates a property whose name is known to be uppercased already.
    init(uppercasedName: String, parameters: [Parameter], value: String) {
        self.name = uppercasedName
        self.parameters = parameters
        self.value = value
    }
}

extension Parameter {
    /// Creates a parameter whose name is known to be uppercased already.
    init(uppercasedName: String, values: [String], quoted: [Bool]) {
        self.name = uppercasedName
        self.values = values
        self.quoted = quoted
    }
}
