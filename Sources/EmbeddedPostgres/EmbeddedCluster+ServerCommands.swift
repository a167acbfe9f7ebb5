import Foundation
import Postgres
#if canImport(Glibc)
import Glibc
#endif

extension EmbeddedCluster {
    /// Runs the PostgreSQL server programs (initdb, pg_ctl) for a cluster, as the right user.
    struct ServerCommands {
        let cluster: EmbeddedCluster
        /// The directory holding initdb and pg_ctl.
        let binDirectory: URL
        /// The unprivileged user to run the server as when calimport runs as root, else nil.
        let serverUser: String?

        init(cluster: EmbeddedCluster) throws {
            self.cluster = cluster
            self.binDirectory = try Self.findBinDirectory()
            self.serverUser = getuid() == 0 ? try Self.ensureServerUser() : nil
        }

        func initialize() throws {
            let fileManager = FileManager.default
            try fileManager.createDirectory(at: cluster.dataDirectory, withIntermediateDirectories: true)
            try fileManager.createDirectory(at: cluster.socketDirectory, withIntermediateDirectories: true)
            try handOver([cluster.dataDirectory, cluster.socketDirectory, cluster.logFile])
            try run("initdb", [
                "-D", cluster.dataDirectory.path, "-U", EmbeddedCluster.superuser,
                "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync",
            ])
            let settings = """

                # calimport embedded cluster: Unix socket only, inside the state directory.
                listen_addresses = ''
                unix_socket_directories = '\(cluster.socketDirectory.path)'
                unix_socket_permissions = 0700
                max_connections = 200
                shared_buffers = 128MB
                synchronous_commit = off

                """
            let configuration = cluster.dataDirectory.appendingPathComponent("postgresql.conf")
            let handle = try FileHandle(forWritingTo: configuration)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(settings.utf8))
            try handle.close()
        }

        func isRunning() throws -> Bool {
            try run("pg_ctl", ["status", "-D", cluster.dataDirectory.path], allowFailure: true) == 0
        }

        func start() throws {
            try FileManager.default.createDirectory(at: cluster.socketDirectory, withIntermediateDirectories: true)
            try handOver([cluster.socketDirectory, cluster.logFile])
            try run("pg_ctl", [
                "start", "-D", cluster.dataDirectory.path, "-l", cluster.logFile.path, "-w", "-t", "60",
            ])
        }

        func stop() throws {
            try run("pg_ctl", ["stop", "-D", cluster.dataDirectory.path, "-m", "fast", "-w", "-t", "60"])
        }

        /// Runs a server program (as the server user when root), appending its output to the
        /// cluster's command log. Returns its exit status; throws on failure unless allowed.
        @discardableResult
        private func run(_ program: String, _ arguments: [String], allowFailure: Bool = false) throws -> Int32 {
            let executable = binDirectory.appendingPathComponent(program).path
            try appendToCommandLog("$ \(program) \(arguments.joined(separator: " "))\n")
            let status: Int32
            if let serverUser {
                status = try ChildProcess.run("/usr/sbin/runuser", ["-u", serverUser, "--", executable] + arguments, logPath: cluster.commandLog.path)
            } else {
                status = try ChildProcess.run(executable, arguments, logPath: cluster.commandLog.path)
            }
            if status != 0 && !allowFailure {
                throw PostgresError(
                    code: .connectionFailed,
                    message: "\(program) failed with status \(status); see \(cluster.commandLog.path) and \(cluster.logFile.path)")
            }
            return status
        }

        private func appendToCommandLog(_ text: String) throws {
            let path = cluster.commandLog.path
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: cluster.commandLog)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        }

        /// Gives the server user the files it writes, and checks it can reach the state directory.
        private func handOver(_ urls: [URL]) throws {
            guard let serverUser, let account = getpwnam(serverUser) else { return }
            let uid = account.pointee.pw_uid, gid = account.pointee.pw_gid
            for url in urls {
                if !FileManager.default.fileExists(atPath: url.path) {
                    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                }
                chown(url.path, uid, gid)
            }
            chmod(cluster.dataDirectory.path, 0o700)
            chmod(cluster.home.path, 0o755)
            let reachable = try ChildProcess.run(
                "/usr/sbin/runuser", ["-u", serverUser, "--", "test", "-w", cluster.dataDirectory.path],
                logPath: cluster.commandLog.path)
            if reachable != 0 {
                throw PostgresError(
                    code: .connectionFailed,
                    message: "the PostgreSQL server user '\(serverUser)' cannot reach \(cluster.dataDirectory.path) (a parent directory is not traversable); set CALIMPORT_HOME to a directory it can reach, e.g. /var/tmp/calimport")
            }
        }

        /// `CALIMPORT_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`, else the directory of `pg_ctl` on PATH.
        static func findBinDirectory() throws -> URL {
            let environment = ProcessInfo.processInfo.environment
            if let path = environment["CALIMPORT_PG_BIN"], !path.isEmpty {
                return URL(fileURLWithPath: path, isDirectory: true)
            }
            let root = "/usr/lib/postgresql"
            let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
                .compactMap(Int.init).sorted()
            if let newest = versions.last {
                return URL(fileURLWithPath: "\(root)/\(newest)/bin", isDirectory: true)
            }
            for directory in (environment["PATH"] ?? "").split(separator: ":") {
                if FileManager.default.isExecutableFile(atPath: "\(directory)/pg_ctl") {
                    return URL(fileURLWithPath: String(directory), isDirectory: true)
                }
            }
            throw PostgresError(
                code: .connectionFailed,
                message: "no PostgreSQL server binaries found (install Debian's postgresql, or set CALIMPORT_PG_BIN, or give --database-url)")
        }

        /// `postgres` if that user exists, else a `calimport` system user, created if missing.
        static func ensureServerUser() throws -> String {
            if getpwnam("postgres") != nil { return "postgres" }
            if getpwnam("calimport") != nil { return "calimport" }
            let status = try ChildProcess.run(
                "/usr/sbin/useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "calimport"],
                logPath: "/dev/null")
            guard status == 0 || getpwnam("calimport") != nil else {
                throw PostgresError(code: .connectionFailed, message: "cannot create the system user 'calimport' to run PostgreSQL")
            }
            return "calimport"
        }
    }
}
