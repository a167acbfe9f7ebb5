/// How a `TZID` was resolved: what ``CalendarInspection`` reports per time zone.
public enum ZoneSource: String, Sendable, Codable {
    /// From the file's own `VTIMEZONE`.
    case file
    /// The `TZID` is an IANA identifier of the system's database.
    case iana
    /// A Windows zone name mapped to IANA through the CLDR `windowsZones` table.
    case windows
    /// Another spelling of an IANA zone: a prefixed name (`/mozilla.org/…/Europe/Berlin`)
    /// or a Windows display name (`(UTC+01:00) Amsterdam, Berlin, …`).
    case ianaAlias = "iana-alias"
    /// A fixed offset written in the name (`UTC+01:00`), without daylight saving.
    case fixedOffset = "fixed-offset"
    /// Resolves nowhere: its times are read as floating.
    case unresolved
}
