/// The one error type of the `ICalendar` module.
///
/// Thrown only when a whole input is unusable (an empty file, no `VCALENDAR` at all, an
/// unreadable file) or when an argument such as a window bound cannot be read. Problems
/// with single components never throw: they become ``CalendarProblem`` values.
public struct ICalendarError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The stable name of the code, e.g. `"emptyFile"`.
        public let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// The input holds no content lines at all.
        public static let emptyFile = Code("emptyFile")
        /// The input has content but no `BEGIN:VCALENDAR`.
        public static let notICalendar = Code("notICalendar")
        /// A date-window bound could not be read.
        public static let invalidWindowBound = Code("invalidWindowBound")
        /// The file could not be read from disk.
        public static let unreadableFile = Code("unreadableFile")

        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// The 1-based physical line in the source, when known.
    public var line: Int?
    /// One human-readable line, e.g. `"line 12: no BEGIN:VCALENDAR found"`.
    public var message: String

    /// Creates an error; `message` should already carry the line prefix when `line` is known.
    public init(code: Code, line: Int? = nil, message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
