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
    /// exit status and standard output.
    @discardableResult
    public func run(_ arguments: [String], timeout: Double = 120) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = DispatchQueue(label: "tool-output")
        nonisolated(unsafe) var data = Data()
        let drained = DispatchSemaphore(value: 0)
        reader.async {
            data = output.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        if drained.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw TestEnvironmentError("\(path) \(arguments) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
