import Foundation

/// What a filter run sends for `TZID`s the file has no `VTIMEZONE` for but calimport resolves
/// (RFC 5545 3.2.19 wants a `VTIMEZONE` for every `TZID`, and servers refuse events whose zone
/// they cannot resolve): such a `TZID` parameter is rewritten to the IANA name calimport read
/// it as — a Windows name or display name, a prefixed Olson path
/// (`/mozilla.org/20070129_1/America/New_York`), `UTC+01` as `Etc/GMT-1` — and a
/// ``GeneratedTimeZone`` of that zone from the earliest year the file uses it travels with the
/// items. The instants are unchanged: the zone is the one the window was judged in.
///
/// Left alone: a `TZID` with a `VTIMEZONE` in the file (even an unusable one), a `TZID` that
/// resolves nowhere (calimport reads it as floating), and all `DATE`/UTC values. When the IANA
/// name is already a `VTIMEZONE` of the file, the original name is kept and gets the generated
/// `VTIMEZONE`; so is a fixed offset that is no whole hour (no IANA name has it).
final class ZoneSubstitution {
    /// The name to send and the system zone behind it.
    private struct Target {
        var tzid: String
        var zone: TimeZone
    }

    private let resolver: ZoneResolver
    private var targets: [String: Target?] = [:]
    private var firstYears: [String: Int] = [:]
    private var zones: [String: TimeZone] = [:]

    init(resolver: ZoneResolver) {
        self.resolver = resolver
    }

    /// `item` with its substituted `TZID`s rewritten (and noted for ``generatedTimeZones()``).
    func apply(to item: CalendarItem) -> CalendarItem {
        guard item.timeZoneIDs.contains(where: { target(for: $0) != nil }) else { return item }
        var item = item
        item.components = item.components.map(rewrite)
        item.timeZoneIDs = CalendarItem.referencedTimeZoneIDs(item.components)
        return item
    }

    /// The generated `VTIMEZONE`s of every zone ``apply(to:)`` substituted so far, by `TZID`.
    func generatedTimeZones() -> [String: Component] {
        var result: [String: Component] = [:]
        for (tzid, zone) in zones {
            result[tzid] = GeneratedTimeZone.component(tzid: tzid, zone: zone, fromYear: firstYears[tzid] ?? GeneratedTimeZone.horizonYear)
        }
        return result
    }

    private func rewrite(_ component: Component) -> Component {
        var component = component
        for index in component.properties.indices {
            let property = component.properties[index]
            guard let parameter = property.parameters.firstIndex(where: { $0.name == "TZID" }),
                  let target = target(for: property.parameters[parameter].value) else { continue }
            let needsQuotes = target.tzid.contains { $0 == ":" || $0 == ";" || $0 == "," }
            component.properties[index].parameters[parameter] = Parameter(name: "TZID", values: [target.tzid], quoted: [needsQuotes])
            zones[target.tzid] = target.zone
            for text in property.value.split(separator: ",") {
                guard let year = DateTimeValue.parse(String(text.split(separator: "/").first ?? text))?.local.year else { continue }
                firstYears[target.tzid] = min(firstYears[target.tzid] ?? year - 1, year - 1)
            }
        }
        component.components = component.components.map(rewrite)
        return component
    }

    private func target(for tzid: String) -> Target? {
        if let known = targets[tzid] { return known }
        let target = computeTarget(tzid)
        targets[tzid] = target
        return target
    }

    private func computeTarget(_ tzid: String) -> Target? {
        guard resolver.vtimezone(named: tzid) == nil, let rules = resolver.resolve(tzid).rules else { return nil }
        let candidate: Target?
        switch rules {
        case .system(let zone):
            candidate = Target(tzid: resolver.resolve(tzid).identifier ?? zone.identifier, zone: zone)
        case .fixed(let seconds):
            candidate = Self.fixedOffsetZone(seconds) ?? TimeZone(secondsFromGMT: seconds).map { Target(tzid: tzid, zone: $0) }
        case .vtimezone:
            candidate = nil
        }
        guard var target = candidate else { return nil }
        if target.tzid != tzid && resolver.vtimezone(named: target.tzid) != nil { target.tzid = tzid }
        return target
    }

    /// `Etc/GMT-1` for +01:00 (the `Etc` names' sign is inverted), `Etc/UTC` for 0.
    private static func fixedOffsetZone(_ seconds: Int) -> Target? {
        guard seconds % 3600 == 0, (-12...14).contains(seconds / 3600) else { return nil }
        let hours = seconds / 3600
        let name = hours == 0 ? "Etc/UTC" : "Etc/GMT" + (hours > 0 ? "-\(hours)" : "+\(-hours)")
        return TimeZone(identifier: name).map { Target(tzid: name, zone: $0) }
    }
}
