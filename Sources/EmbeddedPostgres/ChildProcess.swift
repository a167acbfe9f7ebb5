import Foundation
import Postgres
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with `posix_spawn` and `waitpid`, standard output and error
/// appended to a log file, no other descriptor inherited.
///
/// Foundation's `Process` is not used here: it notices a child's exit through a descriptor the
/// child inherits, and `pg_ctl start` leaves a daemon holding it, so the wait never ends.
enum ChildProcess {
    /// Runs `executable` with `arguments`, output appended to `logPath`; returns the exit status.
    static func run(_ executable: String, _ arguments: [String], logPath: String) throws -> Int32 {
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard log >= 0 else {
            throw PostgresError(code: .connectionFailed, message: "cannot open \(logPath): \(String(cString: strerror(errno)))")
        }
        defer { close(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, log, 1)
        posix_spawn_file_actions_adddup2(&actions, log, 2)
        markDescriptorsCloseOnExec()
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw PostgresError(code: .connectionFailed, message: "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw PostgresError(code: .connectionFailed, message: "waiting for \(executable) failed: \(String(cString: strerror(errno)))")
            }
        }
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Sets FD_CLOEXEC on every descriptor above standard error, so that no child (nor the
    /// daemon it may leave behind) inherits this process's files, sockets or locks.
    private static func markDescriptorsCloseOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for descriptor in entries.compactMap(Int32.init) where descriptor > 2 {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
