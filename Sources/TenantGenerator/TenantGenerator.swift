import Foundation

/// Generates a deterministic, realistic tenant: one iCalendar export per mailbox, shaped like
/// Outlook/Exchange, Google and Zimbra/Carbonio exports, for demos, tests and benchmarks.
///
/// Everything is derived from `Configuration.seed` with a seeded generator, never from the
/// clock or the system's random source: the same configuration always yields the same bytes,
/// and each account's calendar can be produced on its own (`calendar(forAccountAt:)`).
public struct TenantGenerator: Sendable {
    /// What this generator produces.
    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Account names, e.g. "anna.schmidt.0001@example.com", one per account, deterministic
    /// and unique (the number is the account's position, counted from 1).
    public func accountNames() -> [String] {
        (0..<max(0, configuration.accounts)).map { profile(forAccountAt: $0).address }
    }

    /// The calendar of one account (index 0..<accounts) as iCalendar bytes.
    public func calendar(forAccountAt index: Int) -> Data {
        Data(renderCalendar(forAccountAt: index).bytes)
    }

    /// The profile of the account at `index`.
    func profile(forAccountAt index: Int) -> AccountProfile {
        AccountProfile(index: index, seed: configuration.seed, domain: configuration.domain)
    }

    /// The calendar of one account with what it contains.
    func renderCalendar(forAccountAt index: Int) -> (bytes: [UInt8], summary: CalendarSummary) {
        precondition(index >= 0, "account index must not be negative")
        var composer = CalendarComposer(profile: profile(forAccountAt: index), configuration: configuration)
        let itemCount = max(0, composer.random.int(in: configuration.eventsPerAccount))
        for item in 0..<itemCount {
            composer.writeItem(number: item)
        }
        var writer = ContentLineWriter(reservingCapacity: composer.body.bytes.count + 8 * 1024)
        composer.writeHeader(to: &writer, zones: composer.usedZones)
        writer.append(contentsOf: composer.body.bytes)
        composer.writeFooter(to: &writer)
        let summary = CalendarSummary(components: composer.components, uids: composer.uids, bytes: writer.bytes.count)
        return (writer.bytes, summary)
    }
}
