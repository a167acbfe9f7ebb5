/// One way what a server holds differs from what the window keeps of the file, for one
/// component (a series' master or one `RECURRENCE-ID` override).
public struct CalendarDifference: Sendable, Equatable, CustomStringConvertible {
    /// What kind of difference.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        /// In the file's window, not on the server.
        case missing
        /// On the server (in the window), not in the file: reported, never deleted.
        case unexpected
        /// On both, but the content differs beyond what servers are known to rewrite
        /// (``ComponentFingerprint``), or its `SEQUENCE`, or the number of its instances.
        case changed
        /// On both with as many instances in the window, but some start or end at another UTC
        /// instant: the time-zone shift.
        case shifted

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// What kind of difference.
    public var kind: Kind
    /// The component's UID.
    public var uid: String
    /// Its `RECURRENCE-ID` as a UTC instant (`…Z`) or a date (`YYYYMMDD`); `nil` for a master.
    public var recurrenceID: String?
    /// The line the component starts at in the file (0 for an unexpected one).
    public var line: Int
    /// What differs, in words: values in the file and on the server.
    public var detail: String

    /// Creates a difference.
    public init(kind: Kind, uid: String, recurrenceID: String?, line: Int, detail: String) {
        self.kind = kind
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.line = line
        self.detail = detail
    }

    /// `shifted UID x (RECURRENCE-ID y), line n: detail`.
    public var description: String {
        "\(kind.rawValue) UID \(uid)" + (recurrenceID.map { " (RECURRENCE-ID \($0))" } ?? "")
            + (line > 0 ? ", line \(line)" : "") + (detail.isEmpty ? "" : ": \(detail)")
    }
}
