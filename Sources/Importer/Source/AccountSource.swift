import Foundation

/// Where an account's calendar file is, whatever the batch's source (a directory or a
/// template, see ``SourceLayout``). The worker finds every file through here.
public enum AccountSource {
    /// The file of `account` in the batch `source`.
    public static func file(for account: String, source: String) -> URL {
        SourceLayout(source).file(for: account)
    }

    /// The accounts of a directory source: every `*.ics` file, name without `.ics`, sorted.
    public static func accounts(inDirectory directory: URL) throws -> [String] {
        try SourceLayout(directory.path).discoverAccounts()
    }
}
