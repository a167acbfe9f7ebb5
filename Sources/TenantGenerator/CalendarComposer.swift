/// Composes the calendar of one account item by item: draws every choice from the
/// account's own seeded stream and writes the components as bytes into `body`.
///
/// The VCALENDAR header (with the VTIMEZONEs of `usedZones`) and footer are written
/// separately, so a caller can put the time zones first after seeing which ones the events
/// use, or stream a large body in chunks.
struct CalendarComposer {
    let profile: AccountProfile
    let configuration: TenantGenerator.Configuration
    /// The account's stream of random choices.
    var random: SeededGenerator
    /// The components written so far.
    var body = ContentLineWriter(reservingCapacity: 256 * 1024)
    /// Every zone a written component refers to, in order of first use.
    private(set) var usedZones: [TimeZoneDefinition] = []
    /// VEVENTs and VTODOs written, overrides included.
    var components = 0
    /// Distinct UIDs written.
    private(set) var uids = 0

    /// The day the events are spread around (days since 1970).
    let epochDay: Int
    /// When the account was exported (DTSTAMP), UTC.
    let exportTime: CalendarTime
    private let identifier: EventIdentifier

    init(profile: AccountProfile, configuration: TenantGenerator.Configuration) {
        self.profile = profile
        self.configuration = configuration
        random = SeededGenerator(seed: configuration.seed, stream: UInt64(profile.index))
        identifier = EventIdentifier(seed: configuration.seed)
        let epochSeconds = Int(configuration.epoch.timeIntervalSince1970.rounded(.down))
        epochDay = CalendarTime(seconds: epochSeconds).day
        exportTime = CalendarTime(seconds: epochSeconds + (profile.index * 7919) % 86_400)
    }

    /// Writes item `number` (0-based) of the calendar: the first ones cover every
    /// `ItemKind`, later ones are drawn by weight.
    mutating func writeItem(number: Int) {
        let kind = number < ItemKind.guaranteed.count ? ItemKind.guaranteed[number] : ItemKind.random(using: &random)
        let uid = identifier.uid(account: profile.index, item: number, shape: randomIdentifierShape())
        uids += 1
        switch kind {
        case .zonedEvent: writeSingleEvent(uid: uid, start: .zoned(randomTime(hours: 8...18), useRandomZone()))
        case .utcEvent: writeSingleEvent(uid: uid, start: .utc(randomTime(hours: 6...19)))
        case .floatingEvent: writeSingleEvent(uid: uid, start: .floating(randomTime(hours: 8...20)))
        case .allDayEvent: writeAllDayEvent(uid: uid)
        case .weeklySeries: writeSeries(uid: uid, pattern: number == 0 ? nil : randomWeeklyPattern())
        case .monthlySeries: writeSeries(uid: uid, pattern: randomMonthlyPattern())
        case .todoWithDue: writeTodo(uid: uid, dates: .due)
        case .todoWithStart: writeTodo(uid: uid, dates: .startAndDue)
        case .undatedTodo: writeTodo(uid: uid, dates: .none)
        }
    }

    /// `BEGIN:VCALENDAR`, the calendar properties and the VTIMEZONEs of `zones`.
    func writeHeader(to writer: inout ContentLineWriter, zones: [TimeZoneDefinition]) {
        writer.begin("VCALENDAR")
        writer.property("PRODID", profile.flavor.productIdentifier)
        writer.property("VERSION", "2.0")
        writer.property("CALSCALE", "GREGORIAN")
        writer.property("METHOD", "PUBLISH")
        switch profile.flavor {
        case .outlook:
            writer.property("X-MS-OLK-FORCEINSPECTOROPEN", "TRUE")
        case .google:
            writer.text("X-WR-CALNAME", profile.address)
            writer.property("X-WR-TIMEZONE", profile.homeZone.ianaIdentifier)
        case .zimbra:
            writer.text("X-WR-CALNAME", "Calendar")
        }
        for zone in zones { zone.write(to: &writer) }
    }

    /// `END:VCALENDAR`
    func writeFooter(to writer: inout ContentLineWriter) {
        writer.end("VCALENDAR")
    }

    /// Records that a component refers to `zone` and returns it.
    mutating func use(_ zone: TimeZoneDefinition) -> TimeZoneDefinition {
        if !usedZones.contains(zone) { usedZones.append(zone) }
        return zone
    }

    /// The home zone three times out of four, else a colleague's zone abroad.
    mutating func useRandomZone() -> TimeZoneDefinition {
        use(random.chance(0.75) ? profile.homeZone : random.pick(profile.zones))
    }

    /// A day about a year either side of the epoch.
    mutating func randomDay() -> Int {
        epochDay + random.int(in: -365...365)
    }

    /// A time on a random day, on a quarter hour within `hours`.
    mutating func randomTime(hours: ClosedRange<Int>) -> CalendarTime {
        CalendarTime(day: randomDay(), hour: random.int(in: hours), minute: 15 * random.int(in: 0...3))
    }

    /// A meeting length in seconds.
    mutating func randomDuration() -> Int {
        60 * random.pick([30, 45, 60, 60, 60, 90, 120, 240])
    }

    /// Mostly the product's own UID shape; invitations from elsewhere bring theirs.
    private mutating func randomIdentifierShape() -> EventIdentifier.Shape {
        random.chance(0.85) ? profile.flavor.usualIdentifierShape : random.pick(EventIdentifier.Shape.allCases)
    }
}
