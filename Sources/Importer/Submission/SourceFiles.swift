import Foundation

/// Whether an account's file exists in a source, for many accounts: a directory source is
/// listed once (its `*.ics` names in a set; an unreadable or absent directory holds none); a
/// template is looked up with one `stat` per account.
struct SourceFiles {
    private let layout: SourceLayout
    private let listed: Set<String>?

    init(_ layout: SourceLayout) {
        self.layout = layout
        if layout.isTemplate {
            listed = nil
        } else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.source)) ?? []
            listed = Set(names.lazy.filter { $0.hasSuffix(".ics") })
        }
    }

    /// Whether `account`'s file exists.
    func exists(_ account: String) -> Bool {
        if let listed { return listed.contains(account + ".ics") }
        var info = stat()
        return stat(layout.file(for: account).path, &info) == 0
    }
}
