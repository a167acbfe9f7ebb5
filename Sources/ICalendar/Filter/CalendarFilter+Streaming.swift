import Foundation

extension CalendarFilter {
    /// Filters the file at `url` into `sink` as one calendar, byte for byte what
    /// ``FilteredCalendar/serialized()`` writes, with memory bounded by the largest series
    /// plus the time zones instead of the file size: a first pass reads the file in chunks,
    /// keeps the header and the `VTIMEZONE`s, and notes where each UID's components are; a
    /// second reads each series again by offset, judges it and spools the kept ones to an
    /// anonymous temporary file (``spool(fileAt:problems:)``), which is copied to `sink` after the
    /// `VTIMEZONE`s in use.
    /// Problems go to `report` as they are found. Throws like ``filter(contentsOf:)``.
    public func filter(fileAt url: URL, to sink: FileHandle,
                       problems report: (CalendarProblem) -> Void) throws -> FilterCounts {
        let calendar = try spool(fileAt: url, problems: report)
        try calendar.forEachChunk { try sink.write(contentsOf: $0) }
        return calendar.counts
    }

    /// Calls `body` with each kept item of the file at `url`, in order of first appearance,
    /// reading the file as ``filter(fileAt:to:problems:)`` does. Returns the calendar
    /// without its items and problems (those went to `body` and `report`): the header, the
    /// `VTIMEZONE`s the kept items use, and the counts.
    public func forEachKeptItem(fileAt url: URL, problems report: (CalendarProblem) -> Void,
                                _ body: (CalendarItem) throws -> Void) throws -> FilteredCalendar {
        try forEachKeptItem(fileAt: url, index: ItemIndex(), problems: report, body)
    }

    /// ``forEachKeptItem(fileAt:problems:_:)`` filling `index` (tests pass one whose UID hash collides).
    func forEachKeptItem(fileAt url: URL, index: ItemIndex, problems report: (CalendarProblem) -> Void,
                         _ body: (CalendarItem) throws -> Void) throws -> FilteredCalendar {
        if try isUTF16(url.path) { return try filterInMemory(url, problems: report, body) }
        var problems: [CalendarProblem] = []
        let (index, contents, calendars) = try indexFile(url.path, into: index, problems: report)
        let resolver = ZoneResolver(timeZones: contents.timeZones)
        let substitution = substitutesZones ? ZoneSubstitution(resolver: resolver) : nil
        let zones = calendarZones(calendars, resolver: resolver, problems: &problems)
        let header = CalendarContents.mergedHeader(calendars, problems: &problems)
        problems.forEach(report)
        let reader = try FileRangeReader(path: url.path)
        var used = Set<String>()
        var counts = FilterCounts(componentsInFile: index.componentCount)
        for bucket in 0..<index.bucketCount {
            problems.removeAll(keepingCapacity: true)
            let entries: [CalendarContents.Entry] = try index.entries(inBucket: bucket).compactMap { entry, derivedOrdinal in
                try reader.withBytes(in: Int(entry.offset)..<(Int(entry.offset) + Int(entry.length))) { bytes in
                    ComponentTreeBuilder.component(in: bytes, firstLine: Int(entry.line))
                }.map { read in
                    var component = read
                    if let derivedOrdinal { DerivedUIDs.assign(ordinal: derivedOrdinal, to: &component) }
                    return (component, Int(entry.calendarIndex), derivedOrdinal != nil)
                }
            }
            try keptItems(of: entries, resolver: resolver, substitution: substitution, zones: zones, problems: &problems) { item in
                used.formUnion(item.timeZoneIDs)
                counts.componentsKept += item.components.count
                counts.itemsKept += 1
                if item.hasDerivedUID { counts.derivedUIDs += 1 }
                try body(item)
            }
            problems.forEach(report)
        }
        let timeZones = contents.timeZones.filter { used.contains($0.key) }
            .merging(substitution?.generatedTimeZones() ?? [:]) { file, _ in file }
        return FilteredCalendar(items: [], timeZones: timeZones, calendarProperties: header, counts: counts, problems: [])
    }

    /// The first pass: the item index, the time zones and the `VCALENDAR` headers.
    private func indexFile(_ path: String, into index: ItemIndex, problems report: (CalendarProblem) -> Void) throws
        -> (ItemIndex, CalendarContents, [Component]) {
        var builder = ComponentTreeBuilder()
        builder.emitsTopLevelComponents = true
        var contents = CalendarContents()
        var index = index
        var nextLine = 1
        func takeEmitted() {
            for emitted in builder.emitted where contents.classify(emitted.component, problems: &builder.problems) {
                var component = emitted.component
                let derivedOrdinal = contents.derivedUIDs.assignIfMissing(to: &component)
                index.add(uid: component.first("UID")?.value, derivedOrdinal: derivedOrdinal, range: emitted.range,
                          line: component.line, calendarIndex: emitted.calendarIndex)
            }
            builder.emitted.removeAll(keepingCapacity: true)
            builder.problems.forEach(report)
            builder.problems.removeAll(keepingCapacity: true)
        }
        try ChunkedFileReader(path: path).forEachChunk { chunk in
            var scanner = ContentLineScanner(bytes: chunk.bytes)
            scanner.firstLineNumber = nextLine
            scanner.skipsByteOrderMark = chunk.isFirst
            nextLine = scanner.forEachLineWithOrigin { origin, content in
                builder.lineRange = (chunk.fileOffset + origin.start)..<(chunk.fileOffset + origin.end)
                builder.add(line: origin.line, content: content)
                if !builder.emitted.isEmpty || !builder.problems.isEmpty { takeEmitted() }
            }
        }
        let document = try builder.finish()
        takeEmitted()
        return (index, contents, document.calendars)
    }

    private func isUTF16(_ path: String) throws -> Bool {
        let reader = try FileRangeReader(path: path)
        return try reader.withBytes(in: 0..<2) { LegacyTextDecoder.utf16ToUTF8(UnsafeBufferPointer(rebasing: $0[0..<min(2, $0.count)])) != nil }
    }

    /// UTF-16 files (rare, small) are converted and filtered in memory.
    private func filterInMemory(_ url: URL, problems report: (CalendarProblem) -> Void,
                                _ body: (CalendarItem) throws -> Void) throws -> FilteredCalendar {
        var calendar = try filter(contentsOf: url)
        calendar.problems.forEach(report)
        try calendar.items.forEach(body)
        calendar.items = []
        calendar.problems = []
        return calendar
    }
}
