import Foundation

/// Builds the component tree from logical content lines, repairing unbalanced `BEGIN`/`END`
/// with warnings instead of failing: a missing `END` is supplied where the next top-level
/// component begins or where an enclosing component ends; a stray `END` is ignored.
struct ComponentTreeBuilder {
    private(set) var calendars: [Component] = []
    private(set) var strays: [Component] = []
    var problems: [CalendarProblem] = []
    private var stack: [Component] = []
    private var firstContentLine: Int?
    private var sawCalendar = false
    private var outsideRunReported = false

    /// When set, the children of a `VCALENDAR` (and stray components) are not attached to the
    /// tree but collected in ``emitted`` with their byte range, for the caller to take away
    /// after each line: memory then holds one top-level component at a time.
    var emitsTopLevelComponents = false
    /// Top-level components closed since the caller last emptied it (only with
    /// ``emitsTopLevelComponents``).
    var emitted: [EmittedComponent] = []
    /// The byte range of the line being added, set by the caller for ``emitted`` ranges.
    var lineRange: Range<Int> = 0..<0
    private var openedAt: [Int] = []
    private var problemsAt: [Int] = []
    private var closingOffset = 0
    /// The bytes ``lineRange`` counts in, when top-level components are to keep the bytes
    /// they were read from (``Component/verbatim``); nil for the streaming index pass.
    var source: UnsafeBufferPointer<UInt8>?

    /// A top-level component with the index of its `VCALENDAR` (0 for a stray one) and the
    /// byte range from its `BEGIN` line to the end of the line that closed it.
    struct EmittedComponent {
        var component: Component
        var calendarIndex: Int
        var range: Range<Int>
    }

    /// Components that can only appear directly inside `VCALENDAR`.
    private static let topLevelOnly: Set<String> = [
        "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY", "VCALENDAR",
    ]
    /// Top-level components that keep the bytes they were read from (``Component/verbatim``).
    private static let verbatimKinds: Set<String> = ["VEVENT", "VTODO", "VJOURNAL"]
    /// Deeper nesting than this is ignored (protects recursive consumers from fuzzed input).
    private static let maximumDepth = 32

    /// Adds one logical line.
    mutating func add(line: Int, content: UnsafeBufferPointer<UInt8>) {
        if firstContentLine == nil { firstContentLine = line }
        if LegacyTextDecoder.hasNonASCII(content), !LegacyTextDecoder.isValidUTF8(content) {
            problems.append(.warning("line \(line) is not valid UTF-8; read as Windows-1252/Latin-1",
                                     in: stack.last, line: line))
            let converted = LegacyTextDecoder.windows1252ToUTF8(content)
            converted.withUnsafeBufferPointer { addDecoded(line: line, content: $0) }
            return
        }
        addDecoded(line: line, content: content)
    }

    private mutating func addDecoded(line: Int, content: UnsafeBufferPointer<UInt8>) {
        if let boundary = ContentLineParser.componentBoundary(content) {
            boundary.isBegin ? begin(boundary.name, line: line) : end(boundary.name, line: line)
            return
        }
        guard let property = ContentLineParser.parse(content) else {
            let text = String(decoding: content.prefix(40), as: UTF8.self)
            problems.append(.warning("line \(line) is not a content line and was ignored: '\(text)'",
                                     in: stack.last, line: line))
            return
        }
        switch property.name {
        case "BEGIN": begin(trimmedUpper(property.value), line: line)
        case "END": end(trimmedUpper(property.value), line: line)
        default: addProperty(property, line: line)
        }
    }

    private mutating func addProperty(_ property: Property, line: Int) {
        guard !stack.isEmpty else {
            if !outsideRunReported {
                problems.append(CalendarProblem(severity: .warning, line: line,
                                                reason: "line \(line): content outside any component was ignored"))
                outsideRunReported = true
            }
            return
        }
        stack[stack.count - 1].properties.append(property)
    }

    private mutating func begin(_ name: String, line: Int) {
        guard !name.isEmpty else {
            problems.append(CalendarProblem(severity: .warning, line: line, reason: "line \(line): BEGIN without a name ignored"))
            return
        }
        if name == "VCALENDAR" {
            sawCalendar = true
            closeAll(before: name, line: line)
        } else if ComponentTreeBuilder.topLevelOnly.contains(name), stack.count > 1 {
            closeDown(toCount: 1, reason: "BEGIN:\(name)", line: line)
        }
        guard stack.count < ComponentTreeBuilder.maximumDepth else {
            problems.append(CalendarProblem(severity: .warning, line: line,
                                            reason: "line \(line): BEGIN:\(name) nested too deep; ignored"))
            return
        }
        outsideRunReported = false
        var component = Component(name: name, line: line)
        component.properties.reserveCapacity(16)
        stack.append(component)
        openedAt.append(lineRange.lowerBound)
        problemsAt.append(problems.count)
    }

    private mutating func end(_ name: String, line: Int) {
        guard let index = stack.lastIndex(where: { $0.name == name }) else {
            problems.append(CalendarProblem(severity: .warning, line: line,
                                            reason: "line \(line): END:\(name) without BEGIN ignored"))
            return
        }
        closeDown(toCount: index + 1, reason: "END:\(name)", line: line)
        closingOffset = lineRange.upperBound
        close()
    }

    private mutating func closeAll(before name: String, line: Int) {
        closeDown(toCount: 0, reason: "BEGIN:\(name)", line: line)
    }

    /// Closes open components, with a warning each, until `count` remain open.
    private mutating func closeDown(toCount count: Int, reason: String, line: Int) {
        closingOffset = lineRange.lowerBound
        while stack.count > count {
            let open = stack[stack.count - 1]
            problems.append(.warning("line \(line): \(reason) while \(open.name) from line \(open.line) was open; "
                                     + "\(open.name) closed there", in: open, line: line))
            close()
        }
    }

    /// Pops the innermost open component and attaches it to its parent.
    private mutating func close() {
        var component = stack.removeLast()
        let start = openedAt.removeLast()
        let problemCount = problemsAt.removeLast()
        // Items only: the few VTIMEZONEs are always written anew (the streaming filter keeps them
        // from its index pass, which holds no bytes).
        if let source, Self.verbatimKinds.contains(component.name), isTopLevelPosition, problems.count == problemCount, start < closingOffset,
           closingOffset <= source.count {
            component.verbatim = VerbatimBytes.valid(UnsafeBufferPointer(rebasing: source[start..<closingOffset]), name: component.name)
        }
        if emitsTopLevelComponents, component.name != "VCALENDAR", isTopLevelPosition {
            if stack.isEmpty {
                problems.append(.warning("\(component.name) at line \(component.line) is outside any VCALENDAR; "
                                         + "read as part of the calendar", in: component))
            }
            emitted.append(EmittedComponent(component: component, calendarIndex: stack.isEmpty ? 0 : calendars.count,
                                            range: start..<max(start, closingOffset)))
        } else if !stack.isEmpty {
            stack[stack.count - 1].components.append(component)
        } else if component.name == "VCALENDAR" {
            calendars.append(component)
        } else {
            problems.append(.warning("\(component.name) at line \(component.line) is outside any VCALENDAR; "
                                     + "read as part of the calendar", in: component))
            strays.append(component)
        }
    }

    /// Whether a component closed now is a child of a `VCALENDAR` or a stray one.
    private var isTopLevelPosition: Bool {
        stack.isEmpty || (stack.count == 1 && stack[0].name == "VCALENDAR")
    }

    /// Re-reads one top-level component from the bytes of its ``EmittedComponent/range``
    /// (whose first line is physical line `firstLine`), exactly as it was read inside its
    /// calendar; its problems were reported when it was first read.
    static func component(in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Component? {
        var builder = ComponentTreeBuilder()
        builder.source = bytes
        builder.begin("VCALENDAR", line: firstLine)
        var scanner = ContentLineScanner(bytes: bytes)
        scanner.firstLineNumber = firstLine
        scanner.skipsByteOrderMark = false
        scanner.forEachLineWithOrigin { origin, content in
            builder.lineRange = origin.start..<origin.end
            builder.add(line: origin.line, content: content)
        }
        return (try? builder.finish())?.calendars.first?.components.first
    }

    /// Closes what is still open and returns the document, or throws when the input is unusable.
    mutating func finish() throws -> CalendarDocument {
        guard let firstLine = firstContentLine else {
            throw ICalendarError(code: .emptyFile, message: "the file holds no content lines")
        }
        guard sawCalendar else {
            throw ICalendarError(code: .notICalendar, line: firstLine, message: "line \(firstLine): no BEGIN:VCALENDAR found")
        }
        closingOffset = lineRange.upperBound
        while let open = stack.last {
            problems.append(.warning("END:\(open.name) missing for \(open.name) from line \(open.line) "
                                     + "at end of file", in: open, line: open.line))
            close()
        }
        return CalendarDocument(calendars: calendars, strayComponents: strays, problems: problems)
    }

    private func trimmedUpper(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).uppercased()
    }
}
