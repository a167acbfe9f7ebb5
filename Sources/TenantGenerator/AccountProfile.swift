/// Who owns one mailbox of the tenant and how their calendar export looks. Derived from the
/// seed and the account index alone, so any account's profile (e.g. a colleague invited to a
/// meeting) can be recomputed cheaply.
struct AccountProfile: Sendable {
    /// The account's position in the tenant (0-based).
    var index: Int
    var person: Person
    /// "anna.schmidt.0001@example.com"
    var address: String
    var flavor: ExportFlavor
    /// The zone most of the account's events are in.
    var homeZone: TimeZoneDefinition

    init(index: Int, seed: UInt64, domain: String) {
        var random = SeededGenerator(seed: seed ^ 0x5EED_0F_ACC0_0000, stream: UInt64(index))
        self.index = index
        person = Person.random(using: &random)
        address = person.mailboxStem + "." + Self.number(index + 1) + "@" + domain
        flavor = index < ExportFlavor.allCases.count ? ExportFlavor.allCases[index] : Self.randomFlavor(using: &random)
        homeZone = random.pick(flavor.homeZones)
    }

    /// All zones this account's events may use, the home zone first.
    var zones: [TimeZoneDefinition] {
        [homeZone] + flavor.foreignZones.filter { $0 != homeZone }
    }

    private static func randomFlavor(using random: inout SeededGenerator) -> ExportFlavor {
        let roll = random.int(in: 0...99)
        return roll < 45 ? .outlook : roll < 75 ? .google : .zimbra
    }

    /// At least four digits: 0001, 0042, 12345.
    private static func number(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
