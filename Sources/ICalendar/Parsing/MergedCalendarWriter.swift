import Foundation

/// Writes many small calendars (one per server resource, read one after the other) as one
/// iCalendar document to a file, holding only the one being added: a `VCALENDAR` with a
/// header, each `VTIMEZONE` once (the first definition of a `TZID` wins), then every other
/// component as it comes. The document reads back through ``CalendarFilter`` like an export.
public final class MergedCalendarWriter {
    private let sink: FileHandle
    private var writer = ContentLineWriter(reservingCapacity: 1 << 16)
    private var zonesWritten = Set<String>()
    /// Components (other than `VTIMEZONE`) written so far.
    public private(set) var componentCount = 0

    /// Starts the document in `sink` with `VERSION`, `PRODID` and `header`'s other properties.
    public init(sink: FileHandle, header: [Property] = []) throws {
        self.sink = sink
        writer.begin("VCALENDAR")
        writer.write(Property(name: "VERSION", value: "2.0"))
        writer.write(Property(name: "PRODID", value: "-//calimport//reader//EN"))
        for property in header where !["VERSION", "PRODID"].contains(property.name.uppercased()) { writer.write(property) }
        try flush()
    }

    /// Appends what `document` holds: its time zones not written yet, and its other components.
    public func add(_ document: CalendarDocument) throws {
        for calendar in document.calendars {
            for component in calendar.components {
                if component.name == "VTIMEZONE" {
                    guard let tzid = component.first("TZID")?.value, zonesWritten.insert(tzid).inserted else { continue }
                } else {
                    componentCount += 1
                }
                writer.write(component)
            }
        }
        try flush()
    }

    /// Ends the document.
    public func finish() throws {
        writer.end("VCALENDAR")
        try flush()
    }

    private func flush() throws {
        try sink.write(contentsOf: writer.bytes)
        writer.removeAll()
    }
}
