import Foundation
import HTTPTransport
import TestSupport
import Testing

/// The real-world corpus (`../shared/corpus/realworld`, one account per file) through Radicale
/// and Xandikos over CalDAV with the whole pipeline; see ``CorpusImportRun``. Files up to
/// ``sizeLimit`` run by default; the larger ones (thousands of events, one PUT each, minutes
/// per file) run only with `CALIMPORT_LONG_TESTS=1`, and the default tests print which they
/// left to it. Skipped without the corpus unless `REQUIRE_CORPUS=1`.
@Suite(.enabled(if: TestDatabase.isEnabled && RealWorldCorpus.isEnabled), .serialized)
struct RealWorldCorpusTests {
    static let sizeLimit = 300 * 1024
    static var runsLongTests: Bool { ProcessInfo.processInfo.environment["CALIMPORT_LONG_TESTS"] == "1" }

    static func files(large: Bool) throws -> [URL] {
        let all = try RealWorldCorpus.requireFiles()
        #expect(all.count > 300, "\(RealWorldCorpus.directory.path) holds \(all.count) files")
        let (small, big) = all.reduce(into: ([URL](), [URL]())) { split, file in
            let size = (try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            if size > sizeLimit { split.1.append(file) } else { split.0.append(file) }
        }
        if !large {
            print("real-world corpus: \(small.count) files up to \(sizeLimit / 1024) KB here; left to CALIMPORT_LONG_TESTS=1: "
                + big.map { $0.path.replacingOccurrences(of: RealWorldCorpus.directory.path + "/", with: "") }.joined(separator: ", "))
        }
        return large ? big : small
    }

    static var radicaleCredentials: HTTPRequest.Credentials {
        HTTPRequest.Credentials(user: RadicaleServer.user, password: RadicaleServer.password)
    }

    @Test(.enabled(if: RadicaleServer.isEnabled))
    func corpusIntoRadicaleLosesNothingSilently() throws {
        let server = try RadicaleServer.requireURL()
        let run = CorpusImportRun(name: "Radicale", server: server, credentials: Self.radicaleCredentials, files: try Self.files(large: false))
        try TestDatabase.with { _ = try run.run(databaseURL: $0) }
    }

    @Test(.enabled(if: XandikosServer.isEnabled))
    func corpusIntoXandikosLosesNothingSilently() throws {
        let server = try XandikosServer.requireURL()
        let run = CorpusImportRun(name: "Xandikos", server: server, credentials: nil, files: try Self.files(large: false))
        try TestDatabase.with { _ = try run.run(databaseURL: $0) }
    }

    @Test(.enabled(if: runsLongTests && RadicaleServer.isEnabled))
    func largeCorpusFilesIntoRadicaleLoseNothingSilently() throws {
        let server = try RadicaleServer.requireURL()
        let run = CorpusImportRun(name: "Radicale (large files)", server: server, credentials: Self.radicaleCredentials,
                                  files: try Self.files(large: true))
        try TestDatabase.with { _ = try run.run(databaseURL: $0) }
    }

    @Test(.enabled(if: runsLongTests && XandikosServer.isEnabled))
    func largeCorpusFilesIntoXandikosLoseNothingSilently() throws {
        let server = try XandikosServer.requireURL()
        let run = CorpusImportRun(name: "Xandikos (large files)", server: server, credentials: nil, files: try Self.files(large: true))
        try TestDatabase.with { _ = try run.run(databaseURL: $0) }
    }
}
