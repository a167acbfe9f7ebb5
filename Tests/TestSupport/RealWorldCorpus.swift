import Foundation

/// The real-world calendar files beside the repository (`../shared/corpus/realworld`, found
/// from this file's path, so any checkout with `shared/` next to it has them). Tests that read
/// it are skipped when it is absent, unless `REQUIRE_CORPUS=1` (exported by `ops/test`), which
/// makes them fail instead.
public enum RealWorldCorpus {
    /// `<repository>/../shared/corpus/realworld`.
    public static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/realworld").standardizedFileURL

    /// Whether the corpus directory exists.
    public static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }

    /// Whether a missing corpus is a failure (`REQUIRE_CORPUS=1`).
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["REQUIRE_CORPUS"] == "1" }

    /// Whether corpus tests run: the corpus is there, or it is required (and they fail without it).
    public static var isEnabled: Bool { isPresent || isRequired }

    /// Every `.ics` file of the corpus (recursively), sorted by path; empty when it is absent.
    public static var files: [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "ics" }.sorted { $0.path < $1.path }
    }

    /// ``files``, or an error naming the missing directory.
    public static func requireFiles() throws -> [URL] {
        guard isPresent else {
            throw TestEnvironmentError("the real-world corpus \(directory.path) is missing (REQUIRE_CORPUS=1)")
        }
        return files
    }
}
