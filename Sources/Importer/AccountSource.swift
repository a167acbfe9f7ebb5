import Foundation

/// Where an account's calendar file is: `SOURCE/<account>.ics` for a directory source.
public enum AccountSource {
    /// The file of `account` in the batch `source`.
    public static func file(for account: String, source: String) -> URL {
        URL(fileURLWithPath: source, isDirectory: true).appendingPathComponent(account + ".ics")
    }

    /// The accounts of a directory source: every `*.ics` file, name without `.ics`, sorted.
    public static func accounts(inDirectory directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".ics") && $0.count > 4 && !$0.hasPrefix(".") }
            .map { String($0.dropLast(4)) }
            .sorted()
    }
}
