/// Which accounts of a batch `jobs` lists.
public struct AccountJobFilter: Sendable, Equatable {
    /// The batch name.
    public var batch: String
    /// Only this state, if given.
    public var state: AccountState?
    /// Only accounts matching this shell glob (`*`, `?`), if given.
    public var accountGlob: String?

    public init(batch: String, state: AccountState? = nil, accountGlob: String? = nil) {
        self.batch = batch
        self.state = state
        self.accountGlob = accountGlob
    }

    /// The glob as a SQL LIKE pattern (`\` escapes).
    var likePattern: String? {
        accountGlob.map { glob in
            glob.map { character -> String in
                switch character {
                case "*": return "%"
                case "?": return "_"
                case "%", "_", "\\": return "\\" + String(character)
                default: return String(character)
                }
            }.joined()
        }
    }
}
