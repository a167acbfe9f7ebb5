import Foundation

extension TenantGenerator {
    /// Writes one large calendar of about `bytes` bytes to `url`, streaming: memory stays a
    /// few megabytes even for 1 GB. Meant for parser benchmarks.
    ///
    /// The calendar belongs to an extra account after the tenant's last one (so its UIDs never
    /// clash with the tenant's), is Outlook-shaped (Windows and IANA TZIDs side by side) and
    /// has the same mix of events, series, overrides and todos as the tenant. It stops at the
    /// first item that reaches the requested size, so it overshoots by at most one item.
    public func writeLargeCalendar(to url: URL, approximateBytes: Int) throws -> CalendarSummary {
        var profile = profile(forAccountAt: max(0, configuration.accounts))
        profile.flavor = .outlook
        profile.homeZone = .westEurope
        var composer = CalendarComposer(profile: profile, configuration: configuration)
        let output = try LargeCalendarOutput(url: url)
        defer { output.close() }

        var header = ContentLineWriter(reservingCapacity: 16 * 1024)
        composer.writeHeader(to: &header, zones: profile.zones)
        try output.write(header.bytes)
        var footer = ContentLineWriter(reservingCapacity: 64)
        composer.writeFooter(to: &footer)

        var item = 0
        while output.bytesWritten + composer.body.bytes.count + footer.bytes.count < approximateBytes {
            composer.writeItem(number: item)
            item += 1
            if composer.body.bytes.count >= Self.flushThreshold {
                try output.write(composer.body.bytes)
                composer.body.removeAll()
            }
        }
        try output.write(composer.body.bytes)
        try output.write(footer.bytes)
        return CalendarSummary(components: composer.components, uids: composer.uids, bytes: output.bytesWritten)
    }

    private static let flushThreshold = 4 * 1024 * 1024
}
