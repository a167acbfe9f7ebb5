import Foundation

/// An independent, deliberately simple reading of iCalendar text for tests: the identity
/// (`UID`, or `UID|RECURRENCE-ID` for an override) of every top-level VEVENT, VTODO and VJOURNAL.
/// It shares no code with the ICalendar module, so it can check it.
public enum ComponentScan {
    public static func identities(in text: String) -> [String] {
        var identities: [String] = []
        var depth = 0, uid = "", recurrenceID = ""
        var inItem = false
        for line in unfolded(text) {
            let upper = line.uppercased()
            if upper.hasPrefix("BEGIN:") {
                depth += 1
                let name = upper.dropFirst(6)
                if ["VEVENT", "VTODO", "VJOURNAL"].contains(name) && !inItem {
                    inItem = true
                    uid = ""
                    recurrenceID = ""
                    depth = 1
                }
            } else if upper.hasPrefix("END:") {
                depth -= 1
                if inItem && depth == 0 {
                    identities.append(recurrenceID.isEmpty ? uid : uid + "|" + recurrenceID)
                    inItem = false
                }
            } else if inItem && depth == 1 {
                if upper.hasPrefix("UID:") || upper.hasPrefix("UID;") {
                    uid = value(of: line)
                } else if upper.hasPrefix("RECURRENCE-ID") {
                    recurrenceID = value(of: line)
                }
            }
        }
        return identities
    }

    private static func value(of line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        return String(line[line.index(after: colon)...])
    }

    static func unfolded(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += raw.dropFirst()
            } else {
                lines.append(String(raw))
            }
        }
        return lines
    }
}
