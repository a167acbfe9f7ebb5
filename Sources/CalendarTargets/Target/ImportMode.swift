/// How an import treats what the target calendar already holds.
public enum ImportMode: String, Sendable, CaseIterable {
    /// Add, and update by UID where the server allows it; a retry never duplicates. The default.
    case merge
    /// Leave items whose UID already exists untouched.
    case skipExisting = "skip-existing"
    /// Afterwards the calendar holds exactly what the file's window kept.
    case replace
}
