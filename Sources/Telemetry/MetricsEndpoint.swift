import CoreMetrics
import Foundation
import Hummingbird
import Logging
import Prometheus

/// Serves the process's metrics in the Prometheus text format at `GET /metrics`, and
/// `GET /healthz`, on `host:port` (Hummingbird 2), from a background task.
///
/// ``bootstrap()`` installs swift-prometheus as the swift-metrics backend, so every
/// `Counter`, `Timer` and `Gauge` the libraries create lands in the registry served here.
public final class MetricsEndpoint: Sendable {
    /// The registry behind `/metrics`.
    public let registry: PrometheusCollectorRegistry

    private init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    private static let shared: MetricsEndpoint = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30),
        ]
        MetricsSystem.bootstrap(factory)
        return MetricsEndpoint(registry: registry)
    }()

    /// Makes swift-prometheus the metrics backend of this process (once) and returns the endpoint.
    public static func bootstrap() -> MetricsEndpoint { shared }

    /// The metrics in the Prometheus text exposition format.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Starts serving on `address` (`HOST:PORT`) and returns once the port is listening.
    public func start(address: String, logger: Logger) throws {
        let (host, port) = try Self.parse(address)
        let router = Router()
        router.get("/metrics") { [self] _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: exposition())))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        let listening = DispatchSemaphore(value: 0)
        let failure = StartFailure()
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "calimport"),
            onServerRunning: { _ in listening.signal() },
            logger: logger)
        Task.detached {
            do {
                try await application.runService(gracefulShutdownSignals: [])
            } catch {
                failure.set("\(error)")
                listening.signal()
            }
        }
        guard listening.wait(timeout: .now() + 30) == .success, failure.message == nil else {
            throw TelemetryError(message: "cannot serve metrics on \(address): \(failure.message ?? "timed out")")
        }
        logger.info("metrics.listening", metadata: ["metrics.address": "\(address)"])
    }

    static func parse(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw TelemetryError(message: "metrics address must be HOST:PORT, e.g. 127.0.0.1:9464 (got '\(address)')")
        }
        return (String(address[..<colon]), port)
    }
}

/// The reason the metrics server could not start, set from its task.
private final class StartFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    var message: String? { lock.withLock { text } }
    func set(_ message: String) { lock.withLock { text = message } }
}
