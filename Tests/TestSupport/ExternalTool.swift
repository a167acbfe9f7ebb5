import Foundation

/// A program the tests drive (tmux, chromium), found on PATH; ops/test installs them.
public struct ExternalTool: Sendable {
    /// The program's path.
    public let path: String

    /// Finds `name` on PATH, or throws naming the Debian package to install.
    public init(_ name: String, package: String) throws {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let found = directories.map({ "\($0)/\(name)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestEnvironmentError("\(name) is not installed (apt-get install \(package); ops/test installs it)")
        }
        path = found
    }

    /// Runs the tool with `arguments` to the end (at most `timeout` seconds) and returns its
    /// exit status and standard output. Spawned with posix_spawn, every descriptor above 2
    /// closed and output through a file: a tool that leaves a daemon behind (tmux's server)
    /// must not inherit the pipes Foundation's Process watches, or the test would wait forever.
    @discardableResult
    public func run(_ arguments: [String], timeout: Double = 120) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "calimport-tool-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)  // glibc ignores one closed meanwhile
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestEnvironmentError("cannot start \(path): \(String(cString: strerror(spawned)))") }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw TestEnvironmentError("\(path) \(arguments) did not finish within \(timeout) s")
            }
            usleep(5_000)
        }
        let output = FileManager.default.contents(atPath: outputPath) ?? Data()
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), String(decoding: output, as: UTF8.self))
    }

    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int32.init)
            .filter { fcntl($0, F_GETFD) != -1 }
    }
}
