import Foundation

/// A whole iCalendar file as read, before any filtering: its `VCALENDAR` components (each a
/// ``Component`` whose properties are the calendar header and whose sub-components are the
/// events, todos, journals, time zones, …) and what the lenient reader had to report.
public struct CalendarDocument: Sendable {
    /// The `VCALENDAR` components in file order (a file may hold several).
    public var calendars: [Component]
    /// Components found outside any `VCALENDAR` (after its `END`, or before its `BEGIN`).
    public var strayComponents: [Component]
    /// Warnings of the reader: unbalanced `BEGIN`/`END`, unreadable lines, non-UTF-8 bytes.
    public var problems: [CalendarProblem]

    /// Creates a document.
    public init(calendars: [Component], strayComponents: [Component] = [], problems: [CalendarProblem] = []) {
        self.calendars = calendars
        self.strayComponents = strayComponents
        self.problems = problems
    }

    /// Reads a file leniently. Throws ``ICalendarError`` `.emptyFile` when it holds no content
    /// line and `.notICalendar` when it holds no `BEGIN:VCALENDAR`.
    public static func parse(_ data: Data) throws -> CalendarDocument {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let converted = LegacyTextDecoder.utf16ToUTF8(bytes) {
                return try converted.withUnsafeBufferPointer { try parse(bytes: $0, fromUTF16: true) }
            }
            return try parse(bytes: bytes, fromUTF16: false)
        }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, fromUTF16: Bool) throws -> CalendarDocument {
        var builder = ComponentTreeBuilder()
        if fromUTF16 {
            builder.problems.append(CalendarProblem(severity: .warning, reason: "file is UTF-16; read as UTF-16 and written as UTF-8"))
        }
        builder.source = bytes
        ContentLineScanner(bytes: bytes).forEachLineWithOrigin { origin, content in
            builder.lineRange = origin.start..<origin.end
            builder.add(line: origin.line, content: content)
        }
        return try builder.finish()
    }
}
