import EmbeddedPostgres
import Foundation
import Postgres
import TestSupport
import Testing

/// The embedded cluster really is created, started on demand, reused and stopped.
@Suite(.enabled(if: PostgreSQLServer.isInstalled))
struct EmbeddedClusterTests {
    @Test func createsStartsReusesAndStops() throws {
        let base = ProcessInfo.processInfo.environment["TEST_STATE_DIR"] ?? NSTemporaryDirectory()
        let home = URL(fileURLWithPath: base).appendingPathComponent("cluster-\(UInt32.random(in: 0...UInt32.max))")
        let cluster = EmbeddedCluster(home: home)
        defer {
            _ = try? cluster.stop()
            try? FileManager.default.removeItem(at: home)
        }
        #expect(!cluster.exists)
        let url = try cluster.ensureRunning()
        #expect(cluster.exists)
        #expect(try cluster.isRunning())
        #expect(url.contains("host=\(cluster.socketDirectory.path)"))
        let connection = try PostgresConnection(url: url)
        // Listening only on the Unix socket: no TCP address.
        #expect(try connection.query("SHOW listen_addresses")[0]["listen_addresses"] == "")
        #expect(try cluster.ensureRunning() == url)
        #expect(try cluster.stop())
        #expect(try !cluster.isRunning())
        #expect(try !cluster.stop())
    }
}

/// Whether PostgreSQL's server programs are installed here.
enum PostgreSQLServer {
    static var isInstalled: Bool {
        !((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).isEmpty
            || ProcessInfo.processInfo.environment["CALIMPORT_PG_BIN"] != nil
    }
}
