import Foundation

/// How a resolved time zone turns instants into UTC offsets: a fixed offset, a zone of the
/// system's IANA database, or the rules of a `VTIMEZONE` from the file.
enum ZoneRules {
    case fixed(seconds: Int)
    case system(TimeZone)
    case vtimezone(VTimeZoneRules)

    static var utc: ZoneRules { .fixed(seconds: 0) }

    /// The UTC offset in seconds in force at `utc` (seconds since 1970).
    func offset(atUTC utc: Int64) -> Int {
        switch self {
        case .fixed(let seconds): return seconds
        case .system(let zone): return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc)))
        case .vtimezone(let rules): return rules.offset(atUTC: utc)
        }
    }

    /// The UTC instant of a wall-clock time (RFC 5545 3.3.5): a time that does not exist (in a
    /// DST gap) is read with the offset before the gap, so it moves forward by the gap; a time
    /// that occurs twice takes the first occurrence.
    func utc(from local: LocalDateTime) -> Int64 {
        if case .fixed(let seconds) = self { return local.secondsAsUTC - Int64(seconds) }
        let wall = local.secondsAsUTC
        let before = offset(atUTC: wall - 86_400)
        let after = offset(atUTC: wall + 86_400)
        if before == after {
            let candidate = wall - Int64(before)
            let actual = offset(atUTC: candidate)
            return actual == before ? candidate : resolveAcross(wall: wall, before: before, after: actual)
        }
        return resolveAcross(wall: wall, before: before, after: after)
    }

    /// Chooses between the offsets on both sides of a transition near `wall`.
    private func resolveAcross(wall: Int64, before: Int, after: Int) -> Int64 {
        let early = wall - Int64(before)
        let late = wall - Int64(after)
        let earlyValid = offset(atUTC: early) == before
        let lateValid = offset(atUTC: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)
        case (true, false): return early
        case (false, true): return late
        case (false, false): return early
        }
    }
}
