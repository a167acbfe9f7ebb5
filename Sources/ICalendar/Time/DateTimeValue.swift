/// A parsed `DATE` or `DATE-TIME` value: wall-clock fields plus whether it was a date only
/// and whether it carried the UTC designator `Z`.
struct DateTimeValue: Sendable, Hashable {
    var local: LocalDateTime
    var isDate: Bool
    var isUTC: Bool

    /// Parses `YYYYMMDD`, `YYYYMMDDTHHMM[SS][Z]` (surrounding spaces tolerated).
    /// Returns `nil` when the text is not a valid date or date-time.
    static func parse(_ bytes: ArraySlice<UInt8>) -> DateTimeValue? {
        var bytes = bytes
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        var isUTC = false
        if let last = bytes.last, last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") {
            isUTC = true
            bytes.removeLast()
        }
        guard bytes.count >= 8, let year = digits(bytes, 0, 4), let month = digits(bytes, 4, 2),
              let day = digits(bytes, 6, 2), (1...12).contains(month),
              day >= 1, day <= LocalDateTime.daysInMonth(year: year, month: month)
        else { return nil }
        if bytes.count == 8 {
            // `YYYYMMDDZ` (seen in Google exports) is read as the date.
            return DateTimeValue(local: LocalDateTime(year: year, month: month, day: day), isDate: true, isUTC: false)
        }
        let t = bytes[bytes.startIndex + 8]
        guard t == UInt8(ascii: "T") || t == UInt8(ascii: "t"), bytes.count == 13 || bytes.count == 15,
              let hour = digits(bytes, 9, 2), let minute = digits(bytes, 11, 2),
              hour <= 23, minute <= 59
        else { return nil }
        var second = 0
        if bytes.count == 15 {
            guard let s = digits(bytes, 13, 2), s <= 60 else { return nil }
            second = min(s, 59)
        }
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return DateTimeValue(local: local, isDate: false, isUTC: isUTC)
    }

    /// Parses a value given as a `String`.
    static func parse(_ text: String) -> DateTimeValue? {
        parse(Array(text.utf8)[...])
    }

    private static func digits(_ bytes: ArraySlice<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        var value = 0
        let start = bytes.startIndex + offset
        for i in start..<(start + count) {
            let b = bytes[i]
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }
}
