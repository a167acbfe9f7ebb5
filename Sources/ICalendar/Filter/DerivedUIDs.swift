import Crypto

/// The UIDs given to the item components (`VEVENT`, `VTODO`, `VJOURNAL`) of one file that
/// have none (or only blanks), so they are imported instead of dropped, and a retry or re-run
/// finds them again instead of duplicating them.
///
/// The rule: `calimport-derived-` followed by the first 128 bits, in lowercase hex, of the
/// SHA-256 of the component's content as ``ContentLineWriter`` writes it without its
/// `UID` and `DTSTAMP` lines (exporters stamp `DTSTAMP` with the export time), its
/// sub-components (`VALARM`) included. The first component of a file with that content gets
/// this base UID, the second identical one `<base>-2`, the third `<base>-3`, in file order.
/// Nothing about the account, the run or the worker enters it: the same file gives the same
/// UIDs on every run and every worker, in memory and streamed.
///
/// A series without UID cannot be grouped: each of its components (the master and every
/// `RECURRENCE-ID` override) becomes an item of its own under its own derived UID (an
/// override then stands alone, as an override without master does).
struct DerivedUIDs {
    /// What every derived UID starts with, so an administrator recognizes one.
    static let prefix = "calimport-derived-"

    /// How many components of each base UID were numbered so far.
    private var counts: [String: Int] = [:]

    /// Gives `component`, when it has no `UID` or only blanks, its derived UID, numbered
    /// after the identical components this file had before it, and returns its ordinal (0 for
    /// the first); returns `nil` for a component with a UID, left as it is.
    mutating func assignIfMissing(to component: inout Component) -> Int? {
        if let uid = component.first("UID")?.value, UIDGroup.isUsable(uid) { return nil }
        let base = DerivedUIDs.base(of: component)
        let ordinal = counts[base, default: 0]
        counts[base] = ordinal + 1
        DerivedUIDs.assign(DerivedUIDs.uid(base: base, ordinal: ordinal), to: &component)
        return ordinal
    }

    /// Gives `component` the derived UID of the `ordinal`-th identical one (for a component
    /// read again, whose ordinal ``assignIfMissing(to:)`` gave on the first reading).
    static func assign(ordinal: Int, to component: inout Component) {
        assign(uid(base: base(of: component), ordinal: ordinal), to: &component)
    }

    /// The UID of the first component with `component`'s content.
    static func base(of component: Component) -> String {
        var content = component
        content.properties.removeAll { $0.name == "UID" || $0.name == "DTSTAMP" }
        var writer = ContentLineWriter()
        writer.write(content)
        let digest = SHA256.hash(data: writer.bytes)
        return prefix + digest.prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The UID of the `ordinal`-th (0-based, in file order) component whose content gives `base`.
    static func uid(base: String, ordinal: Int) -> String {
        ordinal == 0 ? base : "\(base)-\(ordinal + 1)"
    }

    /// Gives `component` the UID `uid`: replaces the value of a blank `UID`, else adds one
    /// as the first property.
    private static func assign(_ uid: String, to component: inout Component) {
        if let index = component.properties.firstIndex(where: { $0.name == "UID" }) {
            component.properties[index].value = uid
        } else {
            component.properties.insert(Property(name: "UID", value: uid), at: 0)
        }
    }
}
