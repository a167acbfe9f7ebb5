import Foundation

/// Runs the `calimport` executable (`CALIMPORT_BIN`, else `.build/debug/calimport` next to the
/// test bundle) as a separate process, the way an operator would.
public struct CommandRunner: Sendable {
    /// The result of a finished command.
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// Extra environment for every command (e.g. DATABASE_URL).
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The executable's path.
    public static var executable: String {
        if let path = ProcessInfo.processInfo.environment["CALIMPORT_BIN"], !path.isEmpty { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("calimport").path
    }

    /// Starts `arguments`; the process runs until it exits or is signalled. `standardInput`,
    /// when given, is written to the process's standard input, which is then closed.
    public func start(_ arguments: [String], standardInput: String? = nil) throws -> RunningCommand {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let input = Pipe()
        process.standardInput = standardInput == nil ? FileHandle.nullDevice : input
        let running = RunningCommand(process: process, output: output, error: error)
        try process.run()
        if let standardInput {
            input.fileHandleForWriting.write(Data(standardInput.utf8))
            try input.fileHandleForWriting.close()
        }
        return running
    }

    /// Runs `arguments` to the end (at most `timeout` seconds, then it is killed).
    public func run(_ arguments: [String], timeout: Double = 300) throws -> Output {
        try start(arguments).wait(timeout: timeout)
    }
}

/// A started command.
public final class RunningCommand: @unchecked Sendable {
    public let process: Process
    private let outputData = LockedData()
    private let errorData = LockedData()
    private let drained = DispatchGroup()

    init(process: Process, output: Pipe, error: Pipe) {
        self.process = process
        for (pipe, sink) in [(output, outputData), (error, errorData)] {
            drained.enter()
            DispatchQueue.global().async { [drained] in
                let handle = pipe.fileHandleForReading
                while case let chunk = handle.availableData, !chunk.isEmpty { sink.append(chunk) }
                drained.leave()
            }
        }
    }

    /// What the process has written to standard output so far.
    public var standardOutputSoFar: String {
        String(decoding: outputData.value, as: UTF8.self)
    }

    /// What the process has written to standard error (its log) so far.
    public var standardErrorSoFar: String {
        String(decoding: errorData.value, as: UTF8.self)
    }

    /// Sends `signal` to the process.
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the exit (killing the process after `timeout` seconds) and returns its output.
    public func wait(timeout: Double = 300) throws -> CommandRunner.Output {
        let exited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { [process] in
            process.waitUntilExit()
            exited.signal()
        }
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 10)
            throw TestEnvironmentError("calimport \(process.arguments ?? []) did not finish within \(timeout) s")
        }
        drained.wait()
        return CommandRunner.Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData.value, as: UTF8.self),
            standardError: String(decoding: errorData.value, as: UTF8.self))
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var value: Data { lock.withLock { data } }
}
