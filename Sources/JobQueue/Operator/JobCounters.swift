/// What an attempt did with an account's calendar.
public struct JobCounters: Sendable, Equatable, Codable {
    /// Calendar components (events, todos, journals; overrides one each) in the source file.
    public var componentsInFile: Int
    /// Of those, the ones the date window kept.
    public var componentsKept: Int
    /// Components the target accepted.
    public var imported: Int
    /// Components the target already had (or the mode told it to leave alone).
    public var skipped: Int
    /// Components that could not be imported (see the item errors).
    public var failed: Int
    /// Bytes of the source file.
    public var bytes: Int
    /// Of the kept components, those without UID, imported under derived UIDs (a warning).
    public var derivedUIDs: Int

    public init(componentsInFile: Int = 0, componentsKept: Int = 0, imported: Int = 0, skipped: Int = 0, failed: Int = 0, bytes: Int = 0,
                derivedUIDs: Int = 0) {
        self.componentsInFile = componentsInFile
        self.componentsKept = componentsKept
        self.imported = imported
        self.skipped = skipped
        self.failed = failed
        self.bytes = bytes
        self.derivedUIDs = derivedUIDs
    }

    enum CodingKeys: String, CodingKey {
        case componentsInFile = "components_in_file"
        case componentsKept = "components_kept"
        case imported, skipped, failed, bytes
        case derivedUIDs = "derived_uids"
    }
}
