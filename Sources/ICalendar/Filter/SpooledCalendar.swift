import Foundation

/// What the window kept of one calendar file, prepared for sending with memory bounded
/// whatever the file's size: the kept components, serialized, wait in an anonymous temporary
/// file (one per account), and only a small fixed-size ``Entry`` per kept item stays in memory.
/// Connectors stream the whole body from it (``prefix``, the items' byte ranges, ``suffix``:
/// byte for byte ``FilteredCalendar/serialized()``) or read items back one at a time
/// (``item(at:)``) for per-item requests and for what they compare with the server (UID,
/// RECURRENCE-ID, SEQUENCE, LAST-MODIFIED, EXDATE: read from the item when needed, not held).
///
/// Made by ``CalendarFilter/spool(fileAt:problems:)`` (the worker's path) or from an in-memory
/// ``FilteredCalendar`` (``init(_:)``). Reading is safe from many threads at once.
public final class SpooledCalendar: Sendable {
    /// One kept item in the spool: 24 bytes (``MemoryLayout<Entry>.stride``) per item.
    public struct Entry: Sendable, Equatable {
        /// Where its components start in the spool.
        public var offset: Int64
        /// Their length in bytes.
        public var length: UInt32
        /// How many components (master and overrides).
        public var components: UInt32
        /// The first component's kind.
        public var kind: Kind
        /// Whether its UID was derived (``CalendarItem/hasDerivedUID``).
        public var hasDerivedUID: Bool
    }

    /// The kind of an item's first component.
    public enum Kind: UInt8, Sendable {
        case event, todo, journal, other

        init(_ name: String) {
            switch name {
            case "VEVENT": self = .event
            case "VTODO": self = .todo
            case "VJOURNAL": self = .journal
            default: self = .other
            }
        }
    }

    /// The kept items, in order of first appearance.
    public let entries: ContiguousArray<Entry>
    /// `VTIMEZONE` components, by `TZID`, that kept items use (see ``FilteredCalendar/timeZones``).
    public let timeZones: [String: Component]
    /// Calendar-level properties of the header (never `METHOD`).
    public let calendarProperties: [Property]
    /// How many components were read and kept.
    public let counts: FilterCounts
    /// The first lines of the components whose UID was derived (at most 100, for the warning).
    public let derivedUIDLines: [Int]
    /// `BEGIN:VCALENDAR`, the header and every `VTIMEZONE` in ``timeZones`` sorted by `TZID`:
    /// what goes before the items in a whole-calendar body.
    public let prefix: Data
    /// `END:VCALENDAR`: what goes after the items.
    public static let suffix = Data("END:VCALENDAR\r\n".utf8)
    let spool: SpoolFile

    init(spool: SpoolFile, entries: ContiguousArray<Entry>, timeZones: [String: Component], calendarProperties: [Property],
         counts: FilterCounts, derivedUIDLines: [Int]) {
        self.spool = spool
        self.entries = entries
        self.timeZones = timeZones
        self.calendarProperties = calendarProperties
        self.counts = counts
        self.derivedUIDLines = derivedUIDLines
        var writer = ContentLineWriter()
        writer.begin("VCALENDAR")
        for property in calendarProperties { writer.write(property) }
        for tzid in timeZones.keys.sorted() { writer.write(timeZones[tzid]!) }
        prefix = Data(writer.bytes)
    }

    /// An in-memory calendar spooled (its items written to a spool file in order).
    public convenience init(_ calendar: FilteredCalendar) throws {
        var builder = try Builder()
        for item in calendar.items { try builder.add(item) }
        try self.init(builder, timeZones: calendar.timeZones, calendarProperties: calendar.calendarProperties, counts: calendar.counts)
    }

    convenience init(_ builder: consuming Builder, timeZones: [String: Component], calendarProperties: [Property], counts: FilterCounts) throws {
        try builder.flush()
        self.init(spool: builder.spool, entries: builder.entries, timeZones: timeZones, calendarProperties: calendarProperties,
                  counts: counts, derivedUIDLines: builder.derivedUIDLines)
    }

    /// The number of kept items.
    public var count: Int { entries.count }

    /// The spool's open descriptor, for readers by offset (`pread`) such as an HTTP upload;
    /// valid while this calendar lives.
    public var spoolDescriptor: Int32 { spool.descriptor }

    /// Item `index` read back from the spool and parsed (its components' `line` count from the
    /// start of the item, not of the source file).
    public func item(at index: Int) throws -> CalendarItem {
        let entry = entries[index]
        var bytes = Data(capacity: Int(entry.length) + 32)
        bytes.append(contentsOf: Array("BEGIN:VCALENDAR\r\n".utf8))
        let start = bytes.count
        bytes.append(Data(count: Int(entry.length)))
        try bytes.withUnsafeMutableBytes { try spool.read(at: entry.offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...])) }
        bytes.append(Self.suffix)
        let components = try CalendarDocument.parse(bytes).calendars.first?.components ?? []
        guard let uid = components.first?.first("UID")?.value else {
            throw ICalendarError(code: .unreadableFile, message: "the spool file holds no UID at \(entry.offset)")
        }
        return CalendarItem(uid: uid, components: components, timeZoneIDs: CalendarItem.referencedTimeZoneIDs(components),
                            hasDerivedUID: entry.hasDerivedUID)
    }

    /// The spool byte ranges of the items at `indices` (all items when nil), in order, with
    /// adjacent ones joined: the middle of a whole-calendar body.
    public func byteRanges(of indices: [Int]? = nil) -> [Range<Int64>] {
        var ranges: [Range<Int64>] = []
        func add(_ entry: Entry) {
            let range = entry.offset..<(entry.offset + Int64(entry.length))
            if let last = ranges.last, last.upperBound == range.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
            } else if !range.isEmpty {
                ranges.append(range)
            }
        }
        if let indices { indices.forEach { add(entries[$0]) } } else { entries.forEach(add) }
        return ranges
    }

    /// Calls `body` with the whole-calendar body of the items at `indices` (all when nil) in
    /// chunks: ``prefix``, the items, ``suffix``.
    public func forEachChunk(of indices: [Int]? = nil, _ body: (Data) throws -> Void) throws {
        try body(prefix)
        for range in byteRanges(of: indices) { try spool.forEachChunk(in: range, body) }
        try body(Self.suffix)
    }

    /// The whole-calendar body of the items at `indices` (all when nil) in memory (tests, small calendars).
    public func serialized(_ indices: [Int]? = nil) throws -> Data {
        var result = Data()
        try forEachChunk(of: indices) { result.append($0) }
        return result
    }

    /// One `VCALENDAR` holding `item` and, first, the `VTIMEZONE`s it uses: one CalDAV resource
    /// (as ``FilteredCalendar/serialized(item:)``).
    public func serialized(item: CalendarItem) -> Data {
        FilteredCalendar(items: [], timeZones: timeZones, calendarProperties: calendarProperties, counts: counts, problems: [])
            .serialized(item: item)
    }

    /// Writes kept items to a new spool, one at a time, noting where each is.
    struct Builder: ~Copyable {
        let spool: SpoolFile
        var entries = ContiguousArray<Entry>()
        var derivedUIDLines: [Int] = []
        private var writer = ContentLineWriter(reservingCapacity: 1 << 20)

        init() throws {
            spool = try SpoolFile()
        }

        /// Appends `item`'s components.
        mutating func add(_ item: CalendarItem) throws {
            let offset = spool.size + Int64(writer.bytes.count)
            for component in item.components { writer.write(component) }
            let length = spool.size + Int64(writer.bytes.count) - offset
            entries.append(Entry(offset: offset, length: UInt32(clamping: length), components: UInt32(item.components.count),
                                 kind: Kind(item.components.first?.name ?? ""), hasDerivedUID: item.hasDerivedUID))
            if item.hasDerivedUID, derivedUIDLines.count < 100 { derivedUIDLines += item.components.map(\.line) }
            if writer.bytes.count >= 1 << 20 { try flush() }
        }

        /// Writes what is buffered to the spool.
        mutating func flush() throws {
            try spool.write(writer.bytes)
            writer.removeAll()
        }
    }
}

extension CalendarFilter {
    /// Filters the file at `url` into a ``SpooledCalendar`` with memory bounded by the largest
    /// series plus the time zones and 24 bytes per kept item, reading it as
    /// ``filter(fileAt:to:problems:)`` does; problems go to `report` as they are found.
    public func spool(fileAt url: URL, problems report: (CalendarProblem) -> Void) throws -> SpooledCalendar {
        var builder = try SpooledCalendar.Builder()
        let calendar = try forEachKeptItem(fileAt: url, problems: report) { try builder.add($0) }
        return try SpooledCalendar(builder, timeZones: calendar.timeZones, calendarProperties: calendar.calendarProperties,
                                   counts: calendar.counts)
    }
}
