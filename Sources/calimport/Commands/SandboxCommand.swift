import ArgumentParser
import CalendarTargets
import Dispatch
import Foundation
import Logging
import Sandbox
import Telemetry

/// `calimport sandbox`: a calendar node speaking CalDAV, Zimbra/Carbonio, WCAP and BlueMind,
/// with fault injection, for rehearsals, tests and benchmarks.
struct SandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a sandbox calendar node (CalDAV, Zimbra/Carbonio REST+SOAP, WCAP, BlueMind) with fault injection.",
        discussion: """
            Credentials come from the environment: CALIMPORT_SANDBOX_USER (default admin) and
            CALIMPORT_SANDBOX_PASSWORD (default sandbox) for CalDAV, Zimbra and WCAP;
            CALIMPORT_SANDBOX_PREAUTH_KEY for Zimbra preauth; CALIMPORT_SANDBOX_API_KEY for BlueMind
            (each also as NAME_FILE, a mode-0600 file). Inspect with GET /_sandbox/accounts/{account}
            and GET /_sandbox/stats.
            """)

    @Option(name: .long, help: "HOST:PORT to listen on (port 0 picks a free one).")
    var listen: String = "127.0.0.1:8808"

    @Option(name: .long, help: "Share of protocol requests answered 503 (0-1).")
    var failRate: Double = 0

    @Option(name: .long, help: "Share of protocol requests applied and then dropped without an answer (0-1).")
    var resetRate: Double = 0

    @Option(name: .long, help: "Latency added to each protocol request, in milliseconds.")
    var latencyMs: Int = 0

    @Option(name: .long, help: "Protocol requests per second allowed before answering 429 with Retry-After.")
    var throttle: Double?

    @Option(name: .long, help: "File of accounts that exist, one per line (default: every account exists).")
    var accounts: String?

    @OptionGroup var configFile: ConfigFileOption
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (0...1).contains(failRate), (0...1).contains(resetRate), failRate + resetRate <= 1 else {
            throw ValidationError("--fail-rate and --reset-rate are shares between 0 and 1")
        }
        guard latencyMs >= 0, (throttle ?? 1) > 0 else { throw ValidationError("--latency-ms and --throttle must be positive") }
    }

    func run() throws {
        let logger = logging.makeLogger("calimport.sandbox")
        try CommandFailure.reporting {
            let address: ListenAddress
            do {
                address = try ListenAddress(parsing: listen)
            } catch {
                throw ValidationError("--listen: \(error)")
            }
            let (host, port) = (address.host, address.port)
            let server = SandboxServer(node: SandboxNode(configuration: try makeConfiguration()), host: host, port: port)
            let finished = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task {
                do {
                    try await server.run(logger: logger) { bound in
                        FileHandle.standardOutput.write(Data("sandbox listening on http://\(host):\(bound)\n".utf8))
                    }
                } catch {
                    failure.set(error)
                }
                finished.signal()
            }
            finished.wait()
            if let error = failure.get() { throw CommandFailure.fail("sandbox: \(error)", code: ExitCode.validationFailure.rawValue) }
        }
    }

    private func makeConfiguration() throws -> SandboxConfiguration {
        var configuration = SandboxConfiguration()
        configuration.user = ProcessInfo.processInfo.environment["CALIMPORT_SANDBOX_USER"] ?? configuration.user
        configuration.password = try TargetCredentials.secret("CALIMPORT_SANDBOX_PASSWORD") ?? configuration.password
        configuration.preauthKey = try TargetCredentials.secret("CALIMPORT_SANDBOX_PREAUTH_KEY")
        configuration.apiKey = try TargetCredentials.secret("CALIMPORT_SANDBOX_API_KEY")
        configuration.failRate = failRate
        configuration.resetRate = resetRate
        configuration.latencyMilliseconds = latencyMs
        configuration.throttlePerSecond = throttle
        if let accounts {
            let text = try String(contentsOfFile: accounts, encoding: .utf8)
            configuration.accounts = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return configuration
    }
}

/// An error handed from the server task to the waiting command.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ error: Error) { lock.withLock { self.error = error } }
    func get() -> Error? { lock.withLock { error } }
}
